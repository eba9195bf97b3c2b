package github_test

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// The cache tests run the real Client, with a cache in a temp dir, against
// the fake server on 127.0.0.1, on a clock they move by hand.

// fakeClock is a clock the tests move by hand, shared by the cache and
// the rate guard.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now().Truncate(time.Second)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// cacheRig is a fake server, a cache directory and a clock; client builds
// Clients over them.
type cacheRig struct {
	t     *testing.T
	srv   *fake.FakeServer
	dir   string
	clock *fakeClock
	tr    *http.Transport
}

func newCacheRig(t *testing.T) *cacheRig {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	dir := filepath.Join(t.TempDir(), "cache") // OpenCache creates it
	return &cacheRig{t: t, srv: startFakeFor(t, clientDataset(), fake.FakeOptions{}), dir: dir, clock: newFakeClock(), tr: tr}
}

// open opens the rig's cache as opts say (Dir and Now filled in).
func (r *cacheRig) open(opts httpcache.CacheOptions) *httpcache.Cache {
	r.t.Helper()
	opts.Dir, opts.Now = r.dir, r.clock.Now
	c, err := httpcache.OpenCache(opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// client is a Client over a fresh handle on the rig's cache, with token.
func (r *cacheRig) client(token string) *github.Client {
	r.t.Helper()
	return r.clientWith(github.Options{Token: token, Cache: r.open(httpcache.CacheOptions{})})
}

func (r *cacheRig) clientWith(opts github.Options) *github.Client {
	r.t.Helper()
	opts.BaseURL, opts.Timeout, opts.Transport, opts.Now = r.srv.URL, 5*time.Second, r.tr, r.clock.Now
	c, err := github.NewClient(opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// requests returns what reached the server since the last call, and forgets it.
func (r *cacheRig) requests() []fake.RecordedRequest {
	reqs := r.srv.Requests()
	r.srv.ResetRequests()
	return reqs
}

// expect fails unless exactly the statuses want reached the server since
// the last check.
func (r *cacheRig) expect(what string, want ...int) []fake.RecordedRequest {
	r.t.Helper()
	reqs := r.requests()
	var got []int
	for _, q := range reqs {
		got = append(got, q.Status)
	}
	if !slices.Equal(got, want) {
		r.t.Errorf("%s: the server answered %v, want %v", what, got, want)
	}
	return reqs
}

func listPage(t *testing.T, c *github.Client, ctx context.Context) ([]model.PullRequest, model.Page) {
	t.Helper()
	prs, page, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(prs) != 10 || prs[0].Number != clientPulls {
		t.Fatalf("list = %v, want the 10 newest PRs", prNumbers(prs))
	}
	return prs, page
}

func checkFrom(t *testing.T, what string, page model.Page, from string, stored time.Time) {
	t.Helper()
	if page.From != from || !page.StoredAt.Equal(stored) {
		t.Errorf("%s: From %q StoredAt %v, want %q %v", what, page.From, page.StoredAt, from, stored)
	}
}

func TestCacheFreshThenRevalidated(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	t0 := rig.clock.Now()

	first, page := listPage(t, c, ctx)
	rig.expect("cold", 200)
	checkFrom(t, "cold", page, httpcache.CacheNetwork, t0)

	rig.clock.Advance(59 * time.Second)
	again, page := listPage(t, c, ctx)
	rig.expect("within max-age")
	checkFrom(t, "within max-age", page, httpcache.CacheFresh, t0)
	if !slices.EqualFunc(first, again, func(a, b model.PullRequest) bool { return a.Number == b.Number && a.Title == b.Title }) {
		t.Errorf("the cached list differs from the fetched one")
	}

	rig.clock.Advance(2 * time.Second)
	_, page = listPage(t, c, ctx)
	reqs := rig.expect("after max-age", 304)
	checkFrom(t, "after max-age", page, httpcache.CacheRevalidated, rig.clock.Now())
	if len(reqs) == 1 && (reqs[0].Header.Get("If-None-Match") == "" || reqs[0].Header.Get("If-Modified-Since") == "") {
		t.Errorf("the revalidation sent If-None-Match %q, If-Modified-Since %q; want both",
			reqs[0].Header.Get("If-None-Match"), reqs[0].Header.Get("If-Modified-Since"))
	}
	if page.Next != 2 || page.Last != 3 {
		t.Errorf("revalidated page = %+v: the Link header was lost", page)
	}

	// Revalidating renewed the copy: fresh for another max-age.
	rig.clock.Advance(30 * time.Second)
	_, page = listPage(t, c, ctx)
	rig.expect("within the renewed max-age")
	checkFrom(t, "renewed", page, httpcache.CacheFresh, t0.Add(61*time.Second))

	// A new process (a new handle on the same directory) sees it too.
	_, page = listPage(t, rig.client(testToken), ctx)
	rig.expect("from another handle")
	checkFrom(t, "another handle", page, httpcache.CacheFresh, t0.Add(61*time.Second))
}

func TestCacheAnswersEveryCall(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client("")
	ctx := context.Background()
	for round, want := range [][]int{{200, 200, 200}, nil} {
		if _, err := c.GetPull(ctx, acmeWidgets, timelinePR); err != nil {
			t.Fatal(err)
		}
		events, page, err := c.Timeline(ctx, acmeWidgets, timelinePR, 1, 100)
		if err != nil || len(events) == 0 {
			t.Fatalf("timeline: %d events, %v", len(events), err)
		}
		if want := []string{httpcache.CacheNetwork, httpcache.CacheFresh}[round]; page.From != want {
			t.Errorf("round %d: timeline From %q, want %q", round, page.From, want)
		}
		if msg, err := c.CommitMessage(ctx, forkRepo, forkSHA); err != nil || msg != forkMessage {
			t.Fatalf("commit message %q, %v", msg, err)
		}
		rig.expect("round "+[]string{"cold", "warm"}[round], want...)
	}
}

func TestCacheNeverRevalidatesACommitBySHA(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	if _, err := c.CommitMessage(ctx, forkRepo, forkSHA); err != nil {
		t.Fatal(err)
	}
	rig.expect("cold", 200)
	rig.clock.Advance(30 * 24 * time.Hour)
	for _, ctx := range []context.Context{ctx, httpcache.WithIntent(ctx, httpcache.Revalidate)} {
		if msg, err := c.CommitMessage(ctx, forkRepo, forkSHA); err != nil || msg != forkMessage {
			t.Fatalf("commit message %q, %v", msg, err)
		}
	}
	rig.expect("a month later, and with WithRevalidate")
}

func TestCacheWithRevalidateAsksWithinMaxAge(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	listPage(t, c, ctx)
	rig.clock.Advance(time.Second)
	_, page := listPage(t, c, httpcache.WithIntent(ctx, httpcache.Revalidate))
	rig.expect("WithRevalidate", 200, 304)
	checkFrom(t, "WithRevalidate", page, httpcache.CacheRevalidated, rig.clock.Now())
}

func TestCacheWithCacheFirstServesAnyCopy(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	t0 := rig.clock.Now()
	listPage(t, c, ctx)
	rig.clock.Advance(3 * time.Hour)
	_, page := listPage(t, c, httpcache.WithIntent(ctx, httpcache.CacheFirst))
	rig.expect("cache first", 200)
	checkFrom(t, "cache first", page, httpcache.CacheStale, t0)

	// Nothing cached: the network, as usual.
	if _, err := c.GetPull(httpcache.WithIntent(ctx, httpcache.CacheFirst), acmeWidgets, 1); err != nil {
		t.Fatal(err)
	}
	rig.expect("cache first, not cached", 200)
}

func TestCacheIsPerTokenAndHoldsNoSecret(t *testing.T) {
	rig := newCacheRig(t)
	ctx := context.Background()
	const otherToken = "ghp_ANOTHERsecret9876543210zyxwvuTOKEN"
	for _, step := range []struct {
		token string
		want  []int
	}{
		{testToken, []int{200}},
		{otherToken, []int{200}},
		{"", []int{200}},
		{testToken, nil},
		{otherToken, nil},
		{"", nil},
	} {
		listPage(t, rig.client(step.token), ctx)
		rig.expect("token "+step.token, step.want...)
	}

	// Nothing under the cache directory holds a token, a part of one, or
	// an Authorization header; everything is private to the user.
	err := filepath.WalkDir(rig.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			if perm := info.Mode().Perm(); perm != 0o700 {
				t.Errorf("%s: mode %o, want 700", p, perm)
			}
			return nil
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %o, want 600", p, perm)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, secret := range []string{testToken, otherToken, testToken[4:20], otherToken[4:20], "Authorization", "Bearer"} {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(secret))) {
				t.Errorf("%s holds %q", p, secret)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stats, err := rig.open(httpcache.CacheOptions{}).Stats()
	if err != nil || stats.Entries != 3 || stats.Bytes <= 0 || stats.Dir != rig.dir {
		t.Errorf("Stats = %+v, %v; want 3 entries in %s", stats, err, rig.dir)
	}
}

// entryFiles lists the cache's entry files.
func entryFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".entry") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A process killed mid-write leaves a temp file that was never renamed, or
// (on a file system without atomic rename, or a disk error) a cut-off or
// garbage entry: each is ignored, refetched and replaced.
func TestCacheSurvivesACrashMidWrite(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func(t *testing.T, entry string)
	}{
		{"temp file never renamed", func(t *testing.T, entry string) {
			data, _ := os.ReadFile(entry)
			must(t, os.WriteFile(filepath.Join(filepath.Dir(entry), ".tmp-12345"), data[:len(data)/2], 0o600))
			must(t, os.Remove(entry))
		}},
		{"truncated", func(t *testing.T, entry string) {
			data, _ := os.ReadFile(entry)
			must(t, os.WriteFile(entry, data[:len(data)/2], 0o600))
		}},
		{"empty", func(t *testing.T, entry string) { must(t, os.WriteFile(entry, nil, 0o600)) }},
		{"garbage", func(t *testing.T, entry string) {
			must(t, os.WriteFile(entry, bytes.Repeat([]byte{0xff, 'x', 0}, 400), 0o600))
		}},
		{"one bit flipped", func(t *testing.T, entry string) {
			data, _ := os.ReadFile(entry)
			data[len(data)/2] ^= 0x10
			must(t, os.WriteFile(entry, data, 0o600))
		}},
		{"huge length", func(t *testing.T, entry string) {
			data, _ := os.ReadFile(entry)
			copy(data[12:20], []byte{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
			must(t, os.WriteFile(entry, data, 0o600))
		}},
	} {
		t.Run(damage.name, func(t *testing.T) {
			rig := newCacheRig(t)
			ctx := context.Background()
			listPage(t, rig.client(testToken), ctx)
			rig.expect("cold", 200)
			files := entryFiles(t, rig.dir)
			if len(files) != 1 {
				t.Fatalf("%d entry files, want 1", len(files))
			}
			damage.do(t, files[0])

			c := rig.client(testToken) // a new start after the crash
			_, page := listPage(t, c, ctx)
			rig.expect("after the damage", 200)
			checkFrom(t, "after the damage", page, httpcache.CacheNetwork, rig.clock.Now())
			_, page = listPage(t, c, ctx)
			rig.expect("replaced")
			checkFrom(t, "replaced", page, httpcache.CacheFresh, rig.clock.Now())
			if stats, err := rig.open(httpcache.CacheOptions{}).Stats(); err != nil || stats.Entries != 1 {
				t.Errorf("Stats = %+v, %v; want the one entry (temp files are not entries)", stats, err)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestCacheEvictsTheLeastRecentlyUsed(t *testing.T) {
	rig := newCacheRig(t)
	ctx := context.Background()
	// Measure an entry: PRs 11 to 14 are alike, to a byte or two.
	probe := rig.client("")
	if _, err := probe.GetPull(ctx, acmeWidgets, 11); err != nil {
		t.Fatal(err)
	}
	stats, err := rig.open(httpcache.CacheOptions{}).Stats()
	if err != nil || stats.Entries != 1 {
		t.Fatalf("Stats = %+v, %v", stats, err)
	}
	must(t, rig.open(httpcache.CacheOptions{}).Clear())
	rig.requests()

	// Room for three entries, not four.
	c := rig.clientWith(github.Options{Cache: rig.open(httpcache.CacheOptions{MaxBytes: stats.Bytes*3 + stats.Bytes/2})})
	get := func(n int) {
		t.Helper()
		rig.clock.Advance(time.Second)
		if _, err := c.GetPull(ctx, acmeWidgets, n); err != nil {
			t.Fatal(err)
		}
	}
	get(11)
	get(12)
	get(13)
	get(11) // used again: now 12 is the least recently used
	rig.expect("three PRs, one of them twice", 200, 200, 200)
	get(14)
	rig.expect("a fourth", 200)
	if stats, _ := rig.open(httpcache.CacheOptions{}).Stats(); stats.Entries != 3 {
		t.Errorf("%d entries, want 3", stats.Entries)
	}
	get(11)
	get(13)
	get(14)
	rig.expect("the three kept")
	get(12)
	rig.expect("the one evicted", 200)
}

// Errors, malformed bodies and cut-off bodies are never stored, and do not
// replace a good copy; the next good answer is stored.
func TestCacheNeverStoresFaults(t *testing.T) {
	faults := map[string]*fake.Fault{
		"500":       fake.FaultServerError(500),
		"404":       fake.FaultNotFound(),
		"malformed": {Malformed: true},
		"cut off":   {Truncate: true},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			rig := newCacheRig(t)
			c := rig.client(testToken)
			ctx := context.Background()
			rig.srv.SetFaults(func(*http.Request) *fake.Fault { return fault })
			if _, err := c.GetPull(ctx, acmeWidgets, 1); err == nil {
				t.Fatal("no error")
			}
			if files := entryFiles(t, rig.dir); len(files) != 0 {
				t.Fatalf("the fault was stored: %v", files)
			}
			rig.srv.SetFaults(nil)
			for range 2 {
				if pr, err := c.GetPull(ctx, acmeWidgets, 1); err != nil || pr.Number != 1 {
					t.Fatalf("GetPull = %+v, %v", pr, err)
				}
			}
			if reqs := rig.requests(); len(reqs) != 2 || reqs[1].Status != http.StatusOK {
				t.Errorf("%d requests (%+v); want the fault, then one good answer", len(reqs), reqs)
			}

			// A fault when revalidating leaves the good copy in place.
			rig.clock.Advance(2 * time.Minute)
			rig.srv.SetFaults(func(*http.Request) *fake.Fault { return fault })
			_, _ = c.GetPull(ctx, acmeWidgets, 1)
			rig.srv.SetFaults(nil)
			if _, err := c.GetPull(ctx, acmeWidgets, 1); err != nil {
				t.Fatal(err)
			}
			// (A cut-off fault does not touch a 304, which has no body.)
			reqs := rig.requests()
			if n := len(reqs); n == 0 || n > 2 || reqs[n-1].Status != http.StatusNotModified {
				t.Errorf("after a fault when revalidating: %+v; want the good copy revalidated (304)", reqs)
			}
		})
	}
}

func TestCacheServesStaleWhenTheNetworkIsDown(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	t0 := rig.clock.Now()
	listPage(t, c, ctx)
	must(t, rig.srv.Close())
	rig.clock.Advance(3 * time.Hour)
	_, page := listPage(t, c, ctx)
	checkFrom(t, "network down", page, httpcache.CacheStale, t0)
	_, err := c.GetPull(ctx, acmeWidgets, 1)
	e := asAPIError(t, err, 0)
	checkMessage(t, e.Error(), []string{"network error"}, nil)
}

func TestCacheOffline(t *testing.T) {
	rig := newCacheRig(t)
	ctx := context.Background()
	t0 := rig.clock.Now()
	listPage(t, rig.client(testToken), ctx)
	rig.expect("online", 200)

	offlineCache := rig.open(httpcache.CacheOptions{Offline: true})
	for name, c := range map[string]*github.Client{
		"Options.Offline":      rig.clientWith(github.Options{Token: testToken, Cache: rig.open(httpcache.CacheOptions{}), Offline: true}),
		"CacheOptions.Offline": rig.clientWith(github.Options{Token: testToken, Cache: offlineCache}),
	} {
		t.Run(name, func(t *testing.T) {
			_, page := listPage(t, c, ctx)
			checkFrom(t, "offline", page, httpcache.CacheStale, t0)
			_, err := c.GetPull(ctx, acmeWidgets, 1)
			e := asAPIError(t, err, 0)
			checkMessage(t, e.Error(), []string{"not cached (offline): acme/widgets#1"}, nil)
			rig.expect("offline")
		})
	}

	// Offline without a cache: nothing is cached.
	c := rig.clientWith(github.Options{Offline: true})
	_, _, err := c.ListPulls(ctx, acmeWidgets, "all", 1, 10)
	checkMessage(t, asAPIError(t, err, 0).Error(), []string{"not cached (offline)"}, nil)
	rig.expect("offline without a cache")
}

func TestDefaultCacheDirHonoursXDG(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	got, err := httpcache.DefaultCacheDir()
	if err != nil || got != filepath.Join(dir, "prscope") {
		t.Errorf("DefaultCacheDir() = %q, %v; want %s", got, err, filepath.Join(dir, "prscope"))
	}
}

// TestCacheWithSettledServesAnyCopyAsFresh: what the caller knows is over
// (a completed run's jobs) is answered from the cache however old, as
// fresh, and never revalidated; Initial would revalidate it.
func TestCacheWithSettledServesAnyCopyAsFresh(t *testing.T) {
	rig := newCacheRig(t)
	c := rig.client(testToken)
	ctx := context.Background()
	t0 := rig.clock.Now()
	listPage(t, c, ctx)
	rig.expect("cold", 200)
	rig.clock.Advance(30 * 24 * time.Hour)
	_, page := listPage(t, c, httpcache.WithIntent(ctx, httpcache.Settled))
	rig.expect("settled, a month later")
	checkFrom(t, "settled", page, httpcache.CacheFresh, t0)
	listPage(t, c, ctx)
	rig.expect("the same, as usual", 304)
}
