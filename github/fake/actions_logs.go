package fake

import (
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Job logs, as GitHub serves them: GET .../actions/jobs/{id}/logs answers
// 302 with a short-lived signed URL on another host (its blob storage),
// which takes no token; once the log is past its retention the API
// answers 410 instead. The fake's log host is a second listener, named
// localhost where the API is 127.0.0.1, so a client sees two hosts, and
// it records what it receives so a test can tell the token never got there.

// logHost is the second listener's state; requests and resets are under
// s.mu.
type logHost struct {
	server   *http.Server
	done     chan struct{}
	requests []RecordedRequest
	resets   int // how often ResetRequests dropped requests, so a late status finds its own
}

// startLogHost opens the log host on a free port and sets s.LogURL.
func (s *FakeServer) startLogHost() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s.LogURL = "http://localhost:" + port + "/"
	s.logHost.done = make(chan struct{})
	s.logHost.server = &http.Server{Handler: http.HandlerFunc(s.serveLog), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.logHost.done)
		_ = s.logHost.server.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return nil
}

// LogRequests returns the requests the log host received, oldest first.
func (s *FakeServer) LogRequests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RecordedRequest, len(s.logHost.requests))
	for i, r := range s.logHost.requests {
		out[i] = RecordedRequest{Method: r.Method, Path: r.Path, Query: cloneValues(r.Query), Header: r.Header.Clone(), Status: r.Status}
	}
	return out
}

// jobLogRedirect is the API's answer for a job's log.
func (s *FakeServer) jobLogRedirect(ri *repoIndex, ij *indexedJob) reply {
	if ij.job.LogExpired {
		// GitHub's own words for it, status aside, say nothing of expiry.
		return reply{status: http.StatusGone, value: ghError{Message: "Server Error",
			DocumentationURL: "https://docs.github.com/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run"}}
	}
	return reply{status: http.StatusFound, header: http.Header{"Location": {s.logLocation(ri.fullName, ij.id)}}}
}

// logLocation is where a job's log is downloaded from: a path naming the
// job and a signature, as GitHub's signed URLs carry one.
func (s *FakeServer) logLocation(repo string, jobID int64) string {
	owner, name, _ := strings.Cut(repo, "/")
	id := strconv.FormatInt(jobID, 10)
	return s.LogURL + "logs/" + url.PathEscape(owner) + "/" + url.PathEscape(name) + "/jobs/" + id + "?sig=" + logSignature(repo, jobID)
}

func logSignature(repo string, jobID int64) string {
	return strconv.FormatInt(stableID("log signature", strings.ToLower(repo), jobID), 36)
}

// serveLog answers the log host's requests: the log as text/plain (gzip
// when asked, as storage hosts do), 403 for a bad signature, 404 for
// anything else. Each request is recorded as it arrives, before its
// answer: a client that stops reading a long log early has been seen.
func (s *FakeServer) serveLog(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "fake log host closed", http.StatusServiceUnavailable)
		return
	}
	s.active.Add(1)
	at, resets := len(s.logHost.requests), s.logHost.resets
	s.logHost.requests = append(s.logHost.requests, RecordedRequest{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
	})
	s.mu.Unlock()
	defer s.active.Done()
	status := s.writeLog(w, r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.logHost.resets == resets {
		s.logHost.requests[at].Status = status
	}
}

func (s *FakeServer) writeLog(w http.ResponseWriter, r *http.Request) int {
	text, status := s.logText(r)
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if status != http.StatusOK {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, http.StatusText(status)+"\n")
		return status
	}
	var out io.Writer = w
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		defer zw.Close()
		out = zw
	} else {
		h.Set("Content-Length", strconv.Itoa(len(text)))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(out, text)
	}
	return http.StatusOK
}

// logText finds the log r asks for: /logs/{owner}/{repo}/jobs/{id}?sig=….
func (s *FakeServer) logText(r *http.Request) (string, int) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || len(parts) != 5 || parts[0] != "logs" || parts[3] != "jobs" {
		return "", http.StatusNotFound
	}
	ri := s.index.repo(parts[1], parts[2])
	if ri == nil {
		return "", http.StatusNotFound
	}
	ij := ri.runs.jobs[parseID(parts[4])]
	if ij == nil || ij.job.LogExpired {
		return "", http.StatusNotFound
	}
	if r.URL.Query().Get("sig") != logSignature(ri.fullName, ij.id) {
		return "", http.StatusForbidden
	}
	return ij.job.Log, http.StatusOK
}
