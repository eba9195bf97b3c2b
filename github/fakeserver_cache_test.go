package github_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// What the fake server does for caches: Cache-Control's max-age as asked,
// Last-Modified on every 200, both kinds of conditional request, and the
// status of each request recorded, so tests can count 304s.
func TestFakeServerConditionalRequests(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{MaxAge: 5 * time.Minute})
	resp, body := get(t, srv, "repos/octo/hello/pulls/2")
	if got := resp.Header.Get("Cache-Control"); got != "private, max-age=300, s-maxage=300" {
		t.Errorf("Cache-Control %q", got)
	}
	lastModified := resp.Header.Get("Last-Modified")
	lm, err := http.ParseTime(lastModified)
	if err != nil || time.Since(lm) > time.Minute {
		t.Fatalf("Last-Modified %q: want an HTTP date, not long ago (%v)", lastModified, err)
	}
	etag := resp.Header.Get("ETag")

	for _, tt := range []struct {
		name   string
		header []string
		want   int
	}{
		{"If-Modified-Since the same time", []string{"If-Modified-Since", lastModified}, http.StatusNotModified},
		{"If-Modified-Since later", []string{"If-Modified-Since", lm.Add(time.Hour).Format(http.TimeFormat)}, http.StatusNotModified},
		{"If-Modified-Since earlier", []string{"If-Modified-Since", lm.Add(-time.Second).Format(http.TimeFormat)}, http.StatusOK},
		{"If-Modified-Since unreadable", []string{"If-Modified-Since", "yesterday"}, http.StatusOK},
		// If-None-Match decides when both are sent, as RFC 9110 says.
		{"a stale ETag wins", []string{"If-None-Match", `"old"`, "If-Modified-Since", lastModified}, http.StatusOK},
		{"a matching ETag wins", []string{"If-None-Match", etag, "If-Modified-Since", lm.Add(-time.Hour).Format(http.TimeFormat)}, http.StatusNotModified},
	} {
		resp, again := get(t, srv, "repos/octo/hello/pulls/2", tt.header...)
		if resp.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
		if tt.want == http.StatusOK && string(again) != string(body) {
			t.Errorf("%s: a different body", tt.name)
		}
	}

	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	if want := []int{200, 304, 304, 200, 200, 200, 304}; !slices.Equal(statuses, want) {
		t.Errorf("recorded statuses %v, want %v", statuses, want)
	}

	srv.ResetRequests()
	srv.SetFaults(fake.FaultPath("/pulls/1", fake.FaultNotFound()))
	get(t, srv, "repos/octo/hello/pulls/1")
	get(t, srv, "repos/octo/hello/pulls/2")
	if reqs := srv.Requests(); len(reqs) != 2 || reqs[0].Status != 404 || reqs[1].Status != 200 {
		t.Errorf("after ResetRequests: %+v, want a 404 and a 200", reqs)
	}
}

func TestFakeServerMaxAgeDefault(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	resp, _ := get(t, srv, "repos/octo/hello/pulls")
	if got := resp.Header.Get("Cache-Control"); got != "private, max-age=60, s-maxage=60" {
		t.Errorf("Cache-Control %q", got)
	}
}
