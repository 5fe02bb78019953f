// Package manifest records what a build was made from and what it wrote:
// the kaoping version, the sha256 of config.toml and of every input file,
// and the sha256 of every output file. The manifest is written as
// manifest.json at the root of a built site and of each per-period
// bundle, so that Verify can later tell whether a folder is exactly what
// kaoping wrote. It holds no time: two builds of the same input give the
// same manifest, byte for byte.
package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// FileName is the manifest's name at the root of a site or a bundle.
const FileName = "manifest.json"

// Manifest is the content of manifest.json. Paths are slash-separated:
// inputs relative to the site folder (config.toml's folder), outputs
// relative to the folder that holds the manifest. Values are lower-case
// hex sha256 sums.
type Manifest struct {
	Kaoping string            `json:"kaoping"`
	Config  string            `json:"config"`
	Inputs  map[string]string `json:"inputs"`
	Outputs map[string]string `json:"outputs"`
}

// Marshal encodes m with encoding/json: indented by two spaces, keys in
// byte order (encoding/json sorts map keys), '<', '>' and '&' as they are,
// and a final newline. Nil maps are set to empty ones and written as {}.
func (m *Manifest) Marshal() ([]byte, error) {
	if m.Inputs == nil {
		m.Inputs = map[string]string{}
	}
	if m.Outputs == nil {
		m.Outputs = map[string]string{}
	}
	return encode(m)
}

// encode writes m as Marshal describes.
func encode(m *Manifest) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Read reads dir/manifest.json.
func Read(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", FileName, err)
	}
	if m.Outputs == nil {
		return nil, fmt.Errorf("%s: no \"outputs\"", FileName)
	}
	return &m, nil
}

// Sum is the hex sha256 of b.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// HashFile is the hex sha256 of the file at path.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Recorder collects the (path, sum) pairs of the files a build writes. It
// is safe for concurrent use: the render workers add their files as they
// write them, and a build that re-uses unchanged files of a previous
// output adds those with their known sums.
type Recorder struct {
	mu   sync.Mutex
	sums map[string]string
}

// NewRecorder makes an empty Recorder.
func NewRecorder() *Recorder { return NewRecorderSize(0) }

// NewRecorderSize is NewRecorder for about n files: a province build
// records 140,000, and a map grown to that size rehashes all the way.
func NewRecorderSize(n int) *Recorder { return &Recorder{sums: make(map[string]string, n)} }

// Add records the file at site path name with its sha256.
func (r *Recorder) Add(name string, sum [sha256.Size]byte) {
	r.AddHex(name, hex.EncodeToString(sum[:]))
}

// AddHex records the file at site path name with its hex sha256.
func (r *Recorder) AddHex(name, sum string) {
	r.mu.Lock()
	r.sums[name] = sum
	r.mu.Unlock()
}

// Get returns the recorded hex sum of name.
func (r *Recorder) Get(name string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sums[name]
	return s, ok
}

// Sums returns a copy of every recorded pair.
func (r *Recorder) Sums() map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]string, len(r.sums))
	for k, v := range r.sums {
		out[k] = v
	}
	return out
}

// MarshalManifest encodes, as Manifest.Marshal does, the manifest of a
// build whose outputs are the recorded files, without copying them (at
// province size a copy is 140,000 map inserts). The Recorder is locked
// while it encodes, so call it once the files are written.
func (r *Recorder) MarshalManifest(kaoping, config string, inputs map[string]string) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := &Manifest{Kaoping: kaoping, Config: config, Inputs: inputs, Outputs: r.sums}
	if m.Inputs == nil {
		m.Inputs = map[string]string{}
	}
	if m.Outputs == nil {
		m.Outputs = map[string]string{}
	}
	return encode(m)
}

// Len is the number of files recorded.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.sums)
}
