package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/fake"
)

// historySession opens PR 3's CI history (c) with a cache in dir and the
// clock at now, and counts what reached the server by kind: runs, jobs,
// annotations, and of all how many were answered 304.
func historySession(t *testing.T, srv *fake.FakeServer, dir string, now time.Time) (runs, jobs, annotations, notModified int) {
	t.Helper()
	client, clock := cachedClient(t, srv, dir, now)
	srv.ResetRequests()
	h := &harness{t: t, server: srv}
	root := New(Config{Repo: widgets, Number: 3, Source: client, SettleDelay: time.Millisecond, Now: clock})
	h.m = root
	h.send(tea.WindowSizeMsg{Width: 160, Height: 45})
	h.queue(root.Init())
	h.run()
	h.keys("c", "G", "enter", "j", "enter", "j", "enter") // v1, its run, its failed job
	h.run()
	if v := h.view(); !strings.Contains(v, "btf_dump/btf_dump: struct_data") {
		t.Fatalf("the failed job is not open:\n%s", v)
	}
	for _, r := range srv.Requests() {
		switch p := r.Path; {
		case strings.HasSuffix(p, "/jobs"):
			jobs++
		case strings.HasSuffix(p, "/annotations"):
			annotations++
		case strings.HasSuffix(p, "/actions/runs") && r.Query.Get("branch") != "":
			runs++
		}
		if r.Status == 304 {
			notModified++
		}
	}
	return
}

// TestHistoryCachedForGood: what is over — a completed run's jobs, a
// failed job's annotations — is cached for good: past max-age only the
// branch's runs (which a new push changes) are asked again, and answered
// 304.
func TestHistoryCachedForGood(t *testing.T) {
	srv, err := fake.NewFakeServer(kpdDataset(), fake.FakeOptions{MaxAge: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir, t0 := t.TempDir(), time.Now()
	runs, jobs, anns, _ := historySession(t, srv, dir, t0)
	if runs != 1 || jobs != 2 || anns != 1 {
		t.Errorf("cold: %d runs, %d job lists, %d annotations; want 1, 2 (both runs), 1 (the failed job)", runs, jobs, anns)
	}
	runs, jobs, anns, _ = historySession(t, srv, dir, t0.Add(10*time.Second))
	if runs+jobs+anns != 0 {
		t.Errorf("within max-age: %d runs, %d job lists, %d annotations; want none", runs, jobs, anns)
	}
	runs, jobs, anns, notModified := historySession(t, srv, dir, t0.Add(30*24*time.Hour))
	if runs != 1 || jobs != 0 || anns != 0 || notModified == 0 {
		t.Errorf("a month later: %d runs, %d job lists, %d annotations, %d answered 304; want the runs alone, 304", runs, jobs, anns, notModified)
	}
}
