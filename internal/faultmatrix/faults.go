package main

import (
	"net/http"
	"strings"
	"time"

	"github.com/prscope/prscope/github/fake"
)

// route is one endpoint prscope asks, as the fake server sees its path.
type route struct {
	name string
	// essential: a failure here costs the whole dump (exit 1); anywhere
	// else it is one part's "error".
	essential bool
	match     func(path string) bool
	// dump is what `prscope dump` is asked, so that the route is asked.
	dump []string
}

const repo = "kernel-patches/bpf"

// prDump is the dump of a PR with checks over two pages, reviews, review
// comments, comments and a referencing commit.
var prDump = []string{"dump", repo + "#15"}

func suffix(s string) func(string) bool {
	return func(p string) bool { return strings.HasSuffix(p, s) }
}

func contains(s string) func(string) bool {
	return func(p string) bool { return strings.Contains(p, s) }
}

var routes = []route{
	{name: "list", essential: true, match: suffix("/repos/" + repo + "/pulls"), dump: []string{"dump", repo, "--limit", "150"}},
	{name: "search", essential: true, match: suffix("/search/issues"), dump: []string{"dump", repo, "--search", "bpf"}},
	{name: "pull", essential: true, match: suffix("/pulls/15"), dump: prDump},
	{name: "timeline", essential: true, match: suffix("/issues/15/timeline"), dump: prDump},
	{name: "commit", match: contains("/git/commits/"), dump: []string{"dump", repo + "#11"}},
	{name: "check-runs", match: contains("/check-runs"), dump: prDump},
	{name: "status", match: suffix("/status"), dump: prDump},
	{name: "reviews", match: suffix("/pulls/15/reviews"), dump: prDump},
	{name: "review-comments", match: suffix("/pulls/15/comments"), dump: prDump},
	{name: "user", match: suffix("/user"), dump: prDump},
}

// fault is one way an answer goes wrong.
type fault struct {
	name string
	// failing: the request fails (as opposed to answers that are odd but
	// usable: a followed redirect, a Link that loops, which dump survives
	// with what it has).
	failing bool
	make    func(other string) *fake.Fault // other: a second server, for redirects
	// lifts is how long after the fault is lifted it is really gone: a
	// used-up primary limit holds until its reset, whatever the server
	// says meanwhile, so r is pressed after it.
	lifts time.Duration
}

var retryAfter = 2 * time.Second

// primaryReset is how soon a used-up primary limit resets (GitHub's is at
// most an hour away; the matrix has no hour per run).
const primaryReset = 3 * time.Second

var faults = []fault{
	{"401", true, func(string) *fake.Fault { return fake.FaultBadToken() }, 0},
	{"403-no-access", true, func(string) *fake.Fault { return fake.FaultNoAccess() }, 0},
	{"403-saml", true, func(string) *fake.Fault { return fake.FaultSAML() }, 0},
	{"404", true, func(string) *fake.Fault { return fake.FaultNotFound() }, 0},
	{"410", true, func(string) *fake.Fault { return fake.FaultGone() }, 0},
	{"422", true, func(string) *fake.Fault { return fake.FaultUnprocessable() }, 0},
	{"primary-limit", true, func(string) *fake.Fault { return fake.FaultRateLimited(time.Now().Add(primaryReset)) }, primaryReset + time.Second},
	{"429-secondary", true, func(string) *fake.Fault { return fake.FaultSecondary429(retryAfter) }, 0},
	{"403-secondary", true, func(string) *fake.Fault { return fake.FaultSecondary403(retryAfter) }, 0},
	{"500", true, func(string) *fake.Fault { return fake.FaultServerError(500) }, 0},
	{"502", true, func(string) *fake.Fault { return fake.FaultServerError(502) }, 0},
	{"503", true, func(string) *fake.Fault { return fake.FaultServerError(503) }, 0},
	{"hang", true, func(string) *fake.Fault { return &fake.Fault{Hang: true} }, 0},
	{"malformed", true, func(string) *fake.Fault { return &fake.Fault{Malformed: true} }, 0},
	{"truncate", true, func(string) *fake.Fault { return &fake.Fault{Truncate: true} }, 0},
	{"endless", true, func(string) *fake.Fault { return &fake.Fault{Body: &fake.BodyFault{Endless: true}} }, 0},
	{"trickle", true, func(string) *fake.Fault {
		return &fake.Fault{Body: &fake.BodyFault{Endless: true, Every: 50 * time.Millisecond}}
	}, 0},
	{"huge-500MB", true, func(string) *fake.Fault { return &fake.Fault{Body: &fake.BodyFault{Inflate: 500 << 20}} }, 0},
	{"gzip-bomb-1GiB", true, func(string) *fake.Fault {
		return &fake.Fault{Body: &fake.BodyFault{Inflate: 1 << 30, Gzip: true}}
	}, 0},
	{"link-same", false, func(string) *fake.Fault { return &fake.Fault{LinkLoop: fake.LinkLoopSame} }, 0},
	{"link-increasing", false, func(string) *fake.Fault { return &fake.Fault{LinkLoop: fake.LinkLoopIncreasing} }, 0},
	{"foreign-next", false, func(string) *fake.Fault { return &fake.Fault{ForeignNext: true} }, 0},
	{"repeat-items", false, func(string) *fake.Fault { return &fake.Fault{RepeatItems: true} }, 0},
	{"empty-next", false, func(string) *fake.Fault { return &fake.Fault{EmptyNext: true} }, 0},
	{"per-page-3", false, func(string) *fake.Fault { return &fake.Fault{PerPage: 3} }, 0},
	{"redirect-302-other-host", false, func(other string) *fake.Fault { return redirectTo(other, 302) }, 0},
	{"redirect-307-other-host", false, func(other string) *fake.Fault { return redirectTo(other, 307) }, 0},
}

// redirectTo sends each request to the same path on other.
func redirectTo(other string, status int) *fake.Fault {
	return &fake.Fault{Status: status, Message: "Moved", Header: http.Header{"Location": {other}}}
}

// faultsFor installs f on r's requests; redirects keep the request's path
// and query on other.
func faultsFor(r route, f fault, other string) func(*http.Request) *fake.Fault {
	return func(req *http.Request) *fake.Fault {
		if !r.match(req.URL.Path) {
			return nil
		}
		target := strings.TrimSuffix(other, "/") + req.URL.RequestURI()
		return f.make(target)
	}
}
