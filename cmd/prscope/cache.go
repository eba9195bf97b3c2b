package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/prscope/prscope/github/httpcache"
)

// demoCacheHost stands for the demo server's host in cache keys: it gets a
// new port every run, and its answers never change.
const demoCacheHost = "demo.prscope.invalid"

// cacheDirectory is where the cache lives: --cache-dir, else the default
// under the user's cache directory.
func (o options) cacheDirectory() (string, error) {
	if o.cacheDir != "" {
		return o.cacheDir, nil
	}
	return httpcache.DefaultCacheDir()
}

// demoCacheDir keeps the demo's answers apart from real GitHub's.
func demoCacheDir(dir string) string { return filepath.Join(dir, "demo") }

// openCache opens the cache the client uses: nil with --no-cache; the
// demo's own with --demo.
func (o options) openCache() (*httpcache.Cache, error) {
	if o.noCache {
		return nil, nil
	}
	dir, err := o.cacheDirectory()
	if err != nil {
		return nil, err
	}
	opts := httpcache.CacheOptions{Dir: dir, Token: o.token}
	if o.demo {
		opts.Dir, opts.KeyHost = demoCacheDir(dir), demoCacheHost
	}
	return httpcache.OpenCache(opts)
}

// cacheCommand runs `prscope cache` (where, how many, how big) and `prscope
// cache clear`. The demo's cache is reported, and cleared, alongside.
func cacheCommand(w io.Writer, o options) error {
	dir, err := o.cacheDirectory()
	if err != nil {
		return err
	}
	primary, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: dir})
	if err != nil {
		return err
	}
	caches := []*httpcache.Cache{primary}
	if _, err := os.Stat(demoCacheDir(dir)); err == nil {
		demo, err := httpcache.OpenCache(httpcache.CacheOptions{Dir: demoCacheDir(dir)})
		if err != nil {
			return err
		}
		caches = append(caches, demo)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	stats := make([]httpcache.CacheStats, len(caches))
	for i, c := range caches {
		if stats[i], err = c.Stats(); err != nil {
			return err
		}
	}

	if o.cacheCmd == "clear" {
		for i, c := range caches {
			if err := c.Clear(); err != nil {
				return err
			}
			fmt.Fprintf(w, "cleared %s: %s, %s\n", stats[i].Dir, entries(stats[i].Entries), humanBytes(stats[i].Bytes))
		}
		return nil
	}
	fmt.Fprintf(w, "cache:   %s\n", stats[0].Dir)
	fmt.Fprintf(w, "entries: %s\n", thousands(int64(stats[0].Entries)))
	fmt.Fprintf(w, "size:    %s (limit %s)\n", humanBytes(stats[0].Bytes), humanBytes(primary.MaxBytes()))
	if len(stats) > 1 {
		fmt.Fprintf(w, "demo:    %s, %s in %s\n", entries(stats[1].Entries), humanBytes(stats[1].Bytes), stats[1].Dir)
	}
	return nil
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return thousands(int64(n)) + " entries"
}

// humanBytes writes n in decimal units: "0 B", "812 B", "12.3 kB", "500 MB".
func humanBytes(n int64) string {
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, unit := float64(n), ""
	for _, u := range []string{"kB", "MB", "GB", "TB"} {
		v, unit = v/1000, u
		if v < 999.95 {
			break
		}
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s + " " + unit
}

// thousands writes n with commas: 1234567 → "1,234,567".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
