package ui

import (
	"time"

	gh "github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/detail"
)

// timeline is the store's record of one PR's timeline, kept for every PR
// visited so going back costs no request. Pages may arrive out of order:
// page 1 first, the last page on G (GitHub names it in Link rel="last"),
// pages between as they are scrolled into. events holds the loaded pages
// in order, gaps the runs of pages between them not loaded yet.
type timeline struct {
	pages    map[int][]model.Event
	last     int          // the last page once known; 0 while paging on blind
	seqNext  int          // with no rel="last": the next page, 0 at the end
	inFlight map[int]bool // pages asked for and not answered
	loaded   bool         // page 1 has arrived
	err      string
	gen      int
	perPage  int
	pager    *model.Pager // the one paging rule, over the pages loaded
	cachedAt time.Time    // the oldest stale cached page shown, if any

	events []model.Event
	gaps   []detail.Gap
}

func newTimeline(gen, perPage int) *timeline {
	return &timeline{pages: map[int][]model.Event{}, inFlight: map[int]bool{}, gen: gen, perPage: perPage,
		pager: model.NewPager(gh.MaxTimelinePages)}
}

func (t *timeline) loading() bool { return len(t.inFlight) > 0 }

func (t *timeline) status() detail.TimelineStatus {
	return detail.TimelineStatus{Loading: t.loading() && len(t.gaps) == 0, More: t.seqNext > 0, Err: t.err, CachedAt: t.cachedAt}
}

// add files page p and what its Link header said, and reports why paging
// must stop ("" when it need not).
func (t *timeline) add(p int, events []model.Event, info model.Page) string {
	delete(t.inFlight, p)
	t.pages[p] = events
	if info.From == gh.CacheStale && (t.cachedAt.IsZero() || info.StoredAt.Before(t.cachedAt)) {
		t.cachedAt = info.StoredAt
	}
	t.loaded = t.loaded || p == 1
	note := ""
	stop := t.pager.Add(p, model.KeysOf(events, model.EventKey), info.Next)
	if stop.Repeated {
		t.pages[p] = nil // the same events again: shown once
	}
	if stop.Stopped() {
		note = pagingNote(stop)
	}
	switch {
	case note != "" || info.Next == 0:
		t.last, t.seqNext = p, 0
	case info.Last > 0:
		t.last, t.seqNext = min(info.Last, gh.MaxTimelinePages), 0
	default:
		t.seqNext = info.Next
	}
	t.rebuild()
	return note
}

// rebuild lays the loaded pages end to end, with a gap for each run of
// pages between them not loaded yet.
func (t *timeline) rebuild() {
	end := t.last
	for p := range t.pages {
		end = max(end, p)
	}
	t.events = t.events[:0:0]
	t.gaps = nil
	gapFrom := 0
	closeGap := func(to int) {
		if gapFrom == 0 {
			return
		}
		loading := false
		for p := gapFrom; p <= to; p++ {
			loading = loading || t.inFlight[p]
		}
		t.gaps = append(t.gaps, detail.Gap{At: len(t.events), FirstPage: gapFrom, LastPage: to,
			Events: (to - gapFrom + 1) * t.perPage, Loading: loading})
		gapFrom = 0
	}
	for p := 1; p <= end; p++ {
		events, ok := t.pages[p]
		if !ok {
			if gapFrom == 0 {
				gapFrom = p
			}
			continue
		}
		closeGap(p - 1)
		t.events = append(t.events, events...)
	}
	closeGap(end)
}

// request marks page p as asked for.
func (t *timeline) request(p int) {
	t.inFlight[p] = true
	t.rebuild()
}
