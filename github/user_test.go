package github_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/github"
)

func TestFakeServerUser(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{Login: "mona", Token: "good"})
	get := func(auth string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"user", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get(""); code != http.StatusUnauthorized || !strings.Contains(body, "Requires authentication") {
		t.Errorf("no token: %d %s, want 401 Requires authentication", code, body)
	}
	if code, body := get("Bearer bad"); code != http.StatusUnauthorized || !strings.Contains(body, "Bad credentials") {
		t.Errorf("wrong token: %d %s, want 401 Bad credentials", code, body)
	}
	if code, body := get("Bearer good"); code != http.StatusOK || !strings.Contains(body, `"login":"mona"`) {
		t.Errorf("good token: %d %s, want 200 with login mona", code, body)
	}
}

func TestClientUser(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{Login: "mona\x1b[2J", Token: "good"})

	login, err := clientFor(t, srv.URL, "good").User(context.Background())
	if err != nil || !strings.HasPrefix(login, "mona") {
		t.Errorf("User() = %q, %v; want mona, sanitized", login, err)
	}
	if strings.ContainsRune(login, '\x1b') {
		t.Errorf("User() = %q: not sanitized", login)
	}

	_, err = clientFor(t, srv.URL, "ghp_bad").User(context.Background())
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "credentials") {
		t.Errorf("a bad token: %v, want GitHub's Bad credentials", err)
	}
	if err != nil && strings.Contains(err.Error(), "ghp_bad") {
		t.Errorf("the token leaked into %q", err)
	}
	if _, err := clientFor(t, srv.URL, "").User(context.Background()); err == nil {
		t.Error("no token: User() succeeded, want GitHub's 401")
	}
}

// TestClientUserIsCached: the login is asked once; a second run within
// max-age is answered by the cache.
func TestClientUserIsCached(t *testing.T) {
	srv := startFakeFor(t, clientDataset(), fake.FakeOptions{Login: "mona"})
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		cache, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: dir, Token: "good"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := github.NewClient(github.Options{BaseURL: srv.URL, Token: "good", Timeout: 10 * time.Second, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if login, err := c.User(context.Background()); err != nil || login != "mona" {
			t.Fatalf("run %d: User() = %q, %v", i, login, err)
		}
	}
	if n := len(recordedTo(srv, "/user")); n != 1 {
		t.Errorf("GET /user sent %d times in two runs, want once", n)
	}
}
