package github_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github"
)

// diskBytes is what the cache directory holds: entries and temp files.
func diskBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// A kill -9 mid-write leaves a .tmp-* file. The next start removes one
// older than a minute (by the cache's clock); a younger one may be another
// prscope's write in progress, so it stays but counts towards the cap:
// the directory never holds more than the cap because of either.
func TestCacheTempFilesLeftByACrash(t *testing.T) {
	rig := newCacheRig(t)
	ctx := context.Background()
	if _, err := rig.client("").GetPull(ctx, acmeWidgets, 11); err != nil {
		t.Fatal(err)
	}
	stats, err := rig.open(httpcache.CacheOptions{}).Stats()
	if err != nil || stats.Entries != 1 {
		t.Fatalf("Stats = %+v, %v", stats, err)
	}
	entry := stats.Bytes // PRs 11 to 13 are alike, to a byte or two
	must(t, rig.open(httpcache.CacheOptions{}).Clear())
	rig.requests()

	dir := filepath.Join(rig.dir, "v1", "ab")
	must(t, os.MkdirAll(dir, 0o700))
	now := rig.clock.Now()
	leftover := func(name string, size int64, age time.Duration) string {
		p := filepath.Join(dir, ".tmp-"+name)
		must(t, os.WriteFile(p, make([]byte, size), 0o600))
		must(t, os.Chtimes(p, now.Add(-age), now.Add(-age)))
		return p
	}
	stale := leftover("stale", 3*entry, 2*time.Minute)
	young := leftover("young", 2*entry, 10*time.Second)

	maxBytes := entry*3 + entry/2
	c := rig.clientWith(github.Options{Cache: rig.open(httpcache.CacheOptions{MaxBytes: maxBytes})})
	if _, err := os.Stat(stale); err == nil {
		t.Error("a temp file two minutes old survived the start")
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a temp file 10 s old was removed: %v", err)
	}
	for _, n := range []int{11, 12, 13} {
		rig.clock.Advance(time.Second)
		if _, err := c.GetPull(ctx, acmeWidgets, n); err != nil {
			t.Fatal(err)
		}
		if got := diskBytes(t, rig.dir); got > maxBytes {
			t.Errorf("after PR %d the cache holds %d bytes, over its cap of %d", n, got, maxBytes)
		}
	}
	rig.expect("three PRs", 200, 200, 200)
	if stats, _ := rig.open(httpcache.CacheOptions{}).Stats(); stats.Entries != 1 {
		t.Errorf("%d entries beside a temp file of two, want 1", stats.Entries)
	}
}
