package github_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// The paging faults: the same items under every page number, empty pages
// that name a next one, and a per_page cap.
func TestFaultPagingShapes(t *testing.T) {
	srv := startServer(t, fake.FakeOptions{})
	c := rawClient(t, 10*time.Second)
	numbers := func(body []byte) []int {
		var prs []struct{ Number int }
		if err := json.Unmarshal(body, &prs); err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, p := range prs {
			out = append(out, p.Number)
		}
		return out
	}
	page := func(n int) string {
		return "repos/octo/hello/pulls?state=all&per_page=2&page=" + strconv.Itoa(n)
	}
	_, first, err := fetch(t, c, srv, page(1))
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{RepeatItems: true} })
	resp, body, err := fetch(t, c, srv, page(7))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := numbers(body), numbers(first); len(got) == 0 || len(got) != len(want) || got[0] != want[0] {
		t.Errorf("page 7 with RepeatItems: %v, want page 1's %v", got, want)
	}
	if next := links(t, resp.Header.Get("Link"))["next"]; next == nil || next.Query().Get("page") != "8" {
		t.Errorf("RepeatItems Link %q", resp.Header.Get("Link"))
	}

	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{EmptyNext: true} })
	resp, body, err = fetch(t, c, srv, page(1))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != "[]" {
		t.Errorf("EmptyNext body %s", body)
	}
	if next := links(t, resp.Header.Get("Link"))["next"]; next == nil || next.Query().Get("page") != "2" {
		t.Errorf("EmptyNext Link %q", resp.Header.Get("Link"))
	}

	srv.SetFaults(func(*http.Request) *fake.Fault { return &fake.Fault{PerPage: 1} })
	resp, body, err = fetch(t, c, srv, page(1))
	if err != nil {
		t.Fatal(err)
	}
	if got := numbers(body); len(got) != 1 {
		t.Errorf("PerPage 1: %d items", len(got))
	}
	if next := links(t, resp.Header.Get("Link"))["next"]; next == nil || next.Query().Get("page") != "2" {
		t.Errorf("PerPage Link %q", resp.Header.Get("Link"))
	}
}
