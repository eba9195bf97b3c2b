package github_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/model"
)

// budgetTransport answers like GitHub with one budget per resource: each
// request spends one of its resource's, and a spent budget answers 403
// "API rate limit exceeded" until reset. It counts what reached it.
type budgetTransport struct {
	left  map[string]int
	reset time.Time
	sent  map[string]int
}

func (b *budgetTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resource := "core"
	if strings.HasPrefix(req.URL.Path, "/search/") {
		resource = "search"
	}
	b.sent[resource]++
	status, body := 200, `[]`
	if b.left[resource] == 0 {
		status, body = 403, `{"message":"API rate limit exceeded for user ID 1."}`
	} else {
		b.left[resource]--
	}
	h := http.Header{
		"Content-Type":          {"application/json"},
		"X-Ratelimit-Limit":     {"30"},
		"X-Ratelimit-Remaining": {strconv.Itoa(b.left[resource])},
		"X-Ratelimit-Reset":     {strconv.FormatInt(b.reset.Unix(), 10)},
		"X-Ratelimit-Resource":  {resource},
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

// A spent search budget stops searches only, and a spent core budget stops
// everything but searches: GitHub counts them apart.
func TestRateGuardKeepsEachResourceApart(t *testing.T) {
	for _, spent := range []string{"search", "core"} {
		t.Run(spent+" spent", func(t *testing.T) {
			clock := newFakeClock()
			other := map[string]string{"search": "core", "core": "search"}[spent]
			tr := &budgetTransport{left: map[string]int{spent: 1, other: 100}, reset: clock.Now().Add(time.Minute), sent: map[string]int{}}
			guard := httpcache.NewRateGuard(tr, clock.Now)
			paths := map[string]string{"search": "/search/issues?q=x", "core": "/repos/o/search/pulls"}
			get := func(resource string) *http.Response {
				t.Helper()
				req, _ := http.NewRequest(http.MethodGet, "http://api.test"+paths[resource], nil)
				resp, err := guard.RoundTrip(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp
			}
			get(spent) // spends the last one: the guard now knows the budget is gone
			if resp := get(spent); resp.Header.Get("X-Prscope-Refused") != "1" || tr.sent[spent] != 1 {
				t.Fatalf("%s after its budget was spent: %d, sent %d; want a refusal, nothing sent", spent, resp.StatusCode, tr.sent[spent])
			}
			for i := 0; i < 3; i++ {
				if resp := get(other); resp.StatusCode != 200 {
					t.Fatalf("%s while %s is spent: %d %v, want 200", other, spent, resp.StatusCode, resp.Header)
				}
			}
			if tr.sent[other] != 3 {
				t.Errorf("%s requests sent = %d, want 3", other, tr.sent[other])
			}
			core, search := guard.RateLimit(), guard.RateLimitOf(model.ResourceSearch)
			wantCore, wantSearch := 97, 0
			if spent == "core" {
				wantCore, wantSearch = 0, 97
			}
			if core.Remaining != wantCore || search.Remaining != wantSearch {
				t.Errorf("RateLimit() = %d left, RateLimitOf(search) = %d left; want %d and %d", core.Remaining, search.Remaining, wantCore, wantSearch)
			}
			clock.Advance(time.Minute + time.Second)
			tr.left[spent] = 30
			if resp := get(spent); resp.StatusCode != 200 || tr.sent[spent] != 2 {
				t.Errorf("%s after the reset: %d, sent %d; want it sent again", spent, resp.StatusCode, tr.sent[spent])
			}
		})
	}
}
