package httpcache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The on-disk HTTP cache. GitHub answers a conditional request that finds
// nothing changed with 304 Not Modified, which costs no rate limit, so a
// second look at anything costs nothing; within Cache-Control's max-age it
// costs not even a round trip.
//
// Why our own transport over files: github.com/gregjones/httpcache, which
// go-github's README suggests, is unmaintained (only a 2019 pseudo-version
// exists), and we would still need a layer of our own for what it does not
// know: offline use, a stale copy when the rate limit is used up, commits
// that never change, keys per token, a size cap. An embedded store (bbolt,
// modernc.org/sqlite) would be a database to carry for what one file per
// entry written by atomic rename already gives: a cache that a kill -9 at
// any moment leaves readable, a corrupt entry costing only a refetch.
//
// go-github v62 treats a 304 as an error, so it must never see one: a 304
// is passed up as the 200 it stands for, with the cached body.

// DefaultCacheMaxBytes is the cache's default size cap: 500 MB.
const DefaultCacheMaxBytes = 500 * 1000 * 1000

// Headers the cache and the rate guard add to the responses they pass up.
const (
	// HeaderCache says where an answer came from: CacheFresh,
	// CacheRevalidated, CacheStale or CacheNetwork.
	HeaderCache = "X-Prscope-Cache"
	// HeaderStored is when the answer was last fetched or revalidated (RFC 3339).
	HeaderStored = "X-Prscope-Stored"
	// HeaderOffline marks the synthesized answer for something not cached
	// while offline.
	HeaderOffline = "X-Prscope-Offline"
)

// Where an answer came from (HeaderCache, model.Page.From).
const (
	CacheFresh       = "fresh"       // from the cache, within max-age: no request
	CacheRevalidated = "revalidated" // from the cache after GitHub said 304 Not Modified
	CacheStale       = "stale"       // from the cache because the network, the rate limit or --offline allowed nothing newer
	CacheNetwork     = "network"     // fetched just now
)

// CacheOptions configure OpenCache.
type CacheOptions struct {
	Dir      string // where entries live; DefaultCacheDir() when empty
	MaxBytes int64  // size cap, least recently used entries evicted beyond it; DefaultCacheMaxBytes when 0
	Offline  bool   // never touch the network: cached answers only
	// Token names whose cache an entry is when a request reaches the cache
	// without its Authorization header. Only a truncated hash of it is
	// used, in keys; it is never stored. A request's own Authorization,
	// when present, decides (hashed the same way).
	Token string
	// KeyHost, when set, stands for the API host in keys: the demo's
	// server gets a new port every run, and its answers never change.
	KeyHost string
	Now     func() time.Time // the clock; time.Now when nil
}

// Cache is a persistent HTTP cache for GitHub API responses. It is safe for
// concurrent use.
type Cache struct {
	dir      string
	maxBytes int64
	offline  bool
	identity string // of CacheOptions.Token
	keyHost  string
	now      func() time.Time
	store    *fileStore
	stale    staleLog // stale copies served for a rate limit (cache_stale.go)
}

// CacheStats describe what a cache holds.
type CacheStats struct {
	Dir     string
	Entries int
	Bytes   int64
}

// DefaultCacheDir is prscope's directory under the user's cache directory
// ($XDG_CACHE_HOME, else ~/.cache, on Linux).
func DefaultCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w", err)
	}
	return filepath.Join(base, "prscope"), nil
}

// OpenCache opens (creating, mode 0700) the cache in opts.Dir.
func OpenCache(opts CacheOptions) (*Cache, error) {
	if opts.Dir == "" {
		dir, err := DefaultCacheDir()
		if err != nil {
			return nil, err
		}
		opts.Dir = dir
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultCacheMaxBytes
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	store, err := openStore(opts.Dir, opts.MaxBytes, opts.Now)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	identity := identityOf("")
	if opts.Token != "" {
		identity = identityOf("Bearer " + opts.Token) // as go-github sends it
	}
	return &Cache{dir: opts.Dir, maxBytes: opts.MaxBytes, offline: opts.Offline, identity: identity,
		keyHost: strings.ToLower(opts.KeyHost), now: opts.Now, store: store}, nil
}

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// MaxBytes is the cache's size cap.
func (c *Cache) MaxBytes() int64 { return c.maxBytes }

// Stats counts the entries and their size on disk.
func (c *Cache) Stats() (CacheStats, error) {
	n, size, err := c.store.stats()
	return CacheStats{Dir: c.dir, Entries: n, Bytes: size}, err
}

// Clear removes every entry.
func (c *Cache) Clear() error { return c.store.clear() }

// Intent is how one request treats the cache, named where the request is
// made (ui/store's request envelope, dump's fetches).
type Intent int

const (
	// Initial is the cache's usual rule: a fresh copy answers, a stale one
	// is revalidated (a conditional request, free when nothing changed).
	Initial Intent = iota
	// Revalidate asks GitHub even when the cached copy is fresh: what r and
	// R do. Commits by SHA never change and are still answered from the
	// cache.
	Revalidate
	// CacheFirst answers from any cached copy, however old, without the
	// network (marked CacheStale when past max-age), so a start draws what
	// it saw last time at once. With nothing cached it goes to the network.
	CacheFirst
	// Settled is for what the caller knows no longer changes although its
	// path does not say so (a completed run's jobs, a completed job's
	// annotations): any cached copy answers as fresh, for good, as a
	// commit by SHA does.
	Settled
)

type intentKey struct{}

// WithIntent makes requests made with the returned context treat the cache
// as intent says.
func WithIntent(ctx context.Context, intent Intent) context.Context {
	return context.WithValue(ctx, intentKey{}, intent)
}

func intentOf(ctx context.Context) Intent {
	i, _ := ctx.Value(intentKey{}).(Intent)
	return i
}

// identityOf names whose requests these are without holding the secret: a
// truncated hash of the Authorization header.
func identityOf(authorization string) string {
	if authorization == "" {
		return "anonymous"
	}
	sum := sha256.Sum256([]byte("prscope cache identity\x00" + authorization))
	return hex.EncodeToString(sum[:8])
}

// key is the entry name for req: a hash of the API host, method, full URL,
// Accept header and token identity.
func (c *Cache) key(req *http.Request) string {
	identity := c.identity
	if auth := req.Header.Get("Authorization"); auth != "" {
		identity = identityOf(auth)
	}
	u := *req.URL
	u.Host = strings.ToLower(u.Host)
	if c.keyHost != "" {
		u.Host = c.keyHost
	}
	h := sha256.New()
	for _, part := range []string{u.Host, req.Method, u.String(), req.Header.Get("Accept"), identity} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// maxAge reads Cache-Control's max-age; 0 (always revalidate) when absent
// or when no-cache says so.
func maxAge(h http.Header) time.Duration {
	var age time.Duration
	for _, d := range strings.Split(h.Get("Cache-Control"), ",") {
		d = strings.ToLower(strings.TrimSpace(d))
		if d == "no-cache" {
			return 0
		}
		if v, ok := strings.CutPrefix(d, "max-age="); ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 && n < 366*24*3600 {
				age = time.Duration(n) * time.Second
			}
		}
	}
	return age
}

func noStore(h http.Header) bool {
	return strings.Contains(strings.ToLower(h.Get("Cache-Control")), "no-store")
}

// fresh reports whether e may be served at now without asking.
func (e *cacheEntry) fresh(now time.Time) bool {
	age := now.Sub(e.Stored)
	return age >= 0 && age < maxAge(e.Header)
}

// immutablePath matches what a SHA names for good: a git commit, or a
// commit, by its full 40-hex SHA.
func immutablePath(path string) bool {
	i := strings.LastIndex(path, "/")
	if i < 0 || !isFullSHA(path[i+1:]) {
		return false
	}
	dir := path[:i]
	return strings.HasSuffix(dir, "/git/commits") || strings.HasSuffix(dir, "/commits")
}

func isFullSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// NotCachedOffline is what offlineResponse's body says.
const NotCachedOffline = "not cached (offline)"

// offlineResponse is the answer for something not cached while offline: a
// 504 with GitHub's JSON error shape, marked so the client can say so.
func offlineResponse(req *http.Request) *http.Response {
	closeRequestBody(req)
	return synthesized(req, http.StatusGatewayTimeout, NotCachedOffline, http.Header{HeaderOffline: {"1"}})
}

// OfflineTransport is the network when there is none: everything is
// answered offlineResponse.
type OfflineTransport struct{}

func (OfflineTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return offlineResponse(req), nil
}
