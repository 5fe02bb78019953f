package serve

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// event is one server-sent event.
type event struct{ name, data string }

// hub fans build outcomes out to the open pages over server-sent events
// (text/event-stream), which every browser reconnects by itself.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	done    chan struct{}
	closed  bool
}

func newHub() *hub {
	return &hub{clients: map[chan event]bool{}, done: make(chan struct{})}
}

// send delivers an event to every client; a client too slow to take it
// misses it rather than holding up the others.
func (h *hub) send(name, data string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- event{name, data}:
		default:
		}
	}
}

// close ends every event stream (before the server shuts down).
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// keepAlive is how often an idle stream gets a comment, so that proxies
// and browsers keep it open.
const keepAlive = 20 * time.Second

// serve streams events to one page, starting with first: "hello" with
// the id of the last good build, so that a page reconnecting after a
// rebuild (or a restart of the server) knows it is out of date, and the
// problems of the last build if it failed.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, first ...event) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	for _, e := range first {
		writeEvent(w, e)
	}
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case e := <-c:
			writeEvent(w, e)
		}
		flusher.Flush()
	}
}

// writeEvent writes e in the text/event-stream format; a multi-line data
// becomes several data lines.
func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\n", e.name)
	for _, line := range strings.Split(e.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

// reloadJS is served at /__kaoping/reload.js and included, by the server
// only, in every HTML page it serves.
const reloadJS = `// kaoping serve: reloads the page after a rebuild and shows the problems
// of a failed build. Added by the development server only; never part of
// the built site.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-gen") : null;
  var es = new EventSource("/__kaoping/events");
  es.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) { location.reload(); }
    seen = e.data;
  });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("problems", function (e) {
    var old = document.getElementById("kaoping-problems");
    if (old) { old.parentNode.removeChild(old); }
    var d = JSON.parse(e.data);
    if (d.html) { document.body.insertAdjacentHTML("afterbegin", d.html); }
  });
})();
`
