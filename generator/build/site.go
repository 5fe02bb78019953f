package build

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"kaoping/generator/render"
)

// writeSite renders every page of the site, writes its other generated
// files (workbooks) and copies the assets. Pages and files are produced by
// one worker per core; the templates are parsed once. In an incremental
// build (w.Keep set) a page whose inputs did not change is kept from the
// previous build without building its data or rendering it; p.keptPages
// counts them.
//
// It returns the number of files written and, among them, of pages, and
// reports each one to prog.
func writeSite(p *Project, w *render.Writer, prog Progress) (files, pages int, err error) {
	r, err := render.New(render.Options{
		Lang:       p.Config.Language,
		Dir:        p.Config.TemplatesDir,
		DisplayDir: p.Rel(p.Config.TemplatesDir),
	})
	if err != nil {
		return 0, 0, err
	}
	assets, err := r.CopyAssets(w)
	if err != nil {
		return 0, 0, err
	}
	m := p.model()
	jobs := m.Jobs()
	fileJobs := append(m.FileJobs(), p.dataJobs()...)
	p.pagePaths = make([]string, len(jobs))
	for i, j := range jobs {
		p.pagePaths[i] = j.Path
	}
	if p.inc != nil {
		p.inc.planMoves(p.pagePaths)
	}
	trace("jobs, planMoves")
	total := len(jobs) + len(fileJobs)
	prog.Start(StageRender, total)
	var (
		next      atomic.Int64
		written   atomic.Int64
		pagesOK   atomic.Int64
		pagesKept atomic.Int64
		firstErr  error
		mu        sync.Mutex
		wg        sync.WaitGroup
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
				if i >= total {
					return
				}
				var path string
				var err error
				if i < len(fileJobs) { // workbooks and data files first: the slowest files
					fj := fileJobs[i]
					path = fj.Path
					err = w.Create(fj.Path, fj.Write)
				} else {
					job := jobs[i-len(fileJobs)]
					path = job.Path
					if w.Keep != nil && w.Keep(job.Path) {
						pagesOK.Add(1)
						pagesKept.Add(1)
					} else {
						var data any
						data, err = job.Data()
						if err == nil {
							err = w.Page(r, job.Path, job.Template, data)
						}
						if err == nil {
							pagesOK.Add(1)
						}
					}
				}
				if err != nil {
					if !strings.HasPrefix(err.Error(), path+":") { // the writer may have named it
						err = fmt.Errorf("%s: %w", path, err)
					}
					fail(err)
					return
				}
				written.Add(1)
				prog.Step()
			}
		}()
	}
	wg.Wait()
	p.inc.recorded()
	p.keptPages = int(pagesKept.Load())
	return len(assets) + int(written.Load()), int(pagesOK.Load()), firstErr
}
