package github

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"github.com/prscope/prscope/model"
)

// renameTransport follows a renamed repository once: GitHub answers every
// request to the old name with a 301 to /repositories/{id}/…, so the first
// such answer is looked up (GET /repositories/{id}, one request) and every
// later request is sent to the new name, not redirected again. It sits
// above the cache, so the cache keys on the name the request goes to.
type renameTransport struct {
	base string // the API's base path, "/" or "/api/v3/"
	next http.RoundTripper

	mu    sync.Mutex
	moved map[string]string // old "owner/name" (lower case) → the new one
	seen  []Rename          // in the order they were found
}

// Rename is a repository GitHub said was renamed.
type Rename struct{ From, To string }

var movedTo = regexp.MustCompile(`/repositories/(\d+)/`)

func (t *renameTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	owner, name, rest, ok := t.repoPath(req.URL.Path)
	if ok {
		t.mu.Lock()
		to := t.moved[strings.ToLower(owner+"/"+name)]
		t.mu.Unlock()
		if to != "" {
			out := req.Clone(req.Context())
			out.URL.Path = t.base + "repos/" + to + rest
			out.URL.RawPath = ""
			return t.next.RoundTrip(out)
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || !ok || resp.StatusCode != http.StatusMovedPermanently {
		return resp, err
	}
	if m := movedTo.FindStringSubmatch(resp.Header.Get("Location")); m != nil {
		t.learn(req, owner+"/"+name, m[1])
	}
	return resp, nil
}

// repoPath splits a /repos/{owner}/{name}/… path.
func (t *renameTransport) repoPath(path string) (owner, name, rest string, ok bool) {
	p, found := strings.CutPrefix(path, t.base+"repos/")
	if !found {
		return "", "", "", false
	}
	parts := strings.SplitN(p, "/", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", "", "", false
	}
	if len(parts) == 3 {
		rest = "/" + parts[2]
	}
	return parts[0], parts[1], rest, true
}

// learn asks GitHub the new name of repository id, once, and remembers it.
func (t *renameTransport) learn(req *http.Request, from, id string) {
	ask := req.Clone(req.Context())
	ask.URL.Path, ask.URL.RawPath, ask.URL.RawQuery = t.base+"repositories/"+id, "", ""
	ask.Header.Del("If-None-Match")
	ask.Header.Del("If-Modified-Since")
	resp, err := t.next.RoundTrip(ask)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	var repo struct {
		FullName string `json:"full_name"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&repo) != nil {
		return
	}
	to, err := model.ParseRepo(model.SanitizeLine(repo.FullName))
	if err != nil {
		return // not a name a request may be built from
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, known := t.moved[strings.ToLower(from)]; !known {
		t.moved[strings.ToLower(from)] = to.String()
		t.seen = append(t.seen, Rename{From: from, To: to.String()})
	}
}

// renames are the renames found so far.
func (t *renameTransport) renames() []Rename {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Rename(nil), t.seen...)
}
