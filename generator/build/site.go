package build

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"kaoping/generator/render"
	"kaoping/generator/report"
)

// writeSite renders every page of the site and copies the assets. Pages
// are rendered by one worker per core; the templates are parsed once.
func writeSite(p *Project, w *render.Writer) (int, error) {
	r, err := render.New(render.Options{
		Lang:       p.Config.Language,
		Dir:        p.Config.TemplatesDir,
		DisplayDir: p.Rel(p.Config.TemplatesDir),
	})
	if err != nil {
		return 0, err
	}
	assets, err := r.CopyAssets(w)
	if err != nil {
		return 0, err
	}
	m := report.New(p.Config, p.Data, p.Results)
	jobs := m.Jobs()
	var (
		next     atomic.Int64
		written  atomic.Int64
		firstErr error
		mu       sync.Mutex
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				job := jobs[i]
				data, err := job.Data()
				if err == nil {
					err = w.Page(r, job.Path, job.Template, data)
				}
				if err != nil {
					fail(fmt.Errorf("%s: %w", job.Path, err))
					return
				}
				written.Add(1)
			}
		}()
	}
	wg.Wait()
	return len(assets) + int(written.Load()), firstErr
}
