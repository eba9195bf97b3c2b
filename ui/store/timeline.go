package store

import (
	"time"

	"github.com/prscope/prscope/github/httpcache"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// Timeline is the store's record of one PR's timeline, kept for every PR
// visited so going back costs no request. Pages may arrive out of order:
// page 1 first, the last page on G (GitHub names it in Link rel="last"),
// pages between as they are scrolled into. events holds the loaded pages
// in order, gaps the runs of pages between them not loaded yet.
type Timeline struct {
	pages    map[int][]model.Event
	last     int          // the last page once known; 0 while paging on blind
	seqNext  int          // with no rel="last": the next page, 0 at the end
	inFlight map[int]bool // pages asked for and not answered
	loaded   bool         // page 1 has arrived
	err      string
	gen      int // a reload starts a new generation; answers to older ones are dropped
	perPage  int
	pager    *model.Pager // the one paging rule, over the pages loaded
	cachedAt time.Time    // the oldest stale cached page shown, if any

	events  []model.Event
	gaps    []Gap
	version int // bumped by every change, so the pane redraws only then
}

// Gap is a run of timeline pages between loaded ones, not loaded yet.
type Gap struct {
	At        int // the index in the events of the first event after the gap
	FirstPage int
	LastPage  int
	Events    int // about how many events the pages hold
	Loading   bool
}

// TimelineStatus is how a timeline's loading stands, for the pane.
type TimelineStatus struct {
	Loading bool   // a page is in flight
	More    bool   // further pages exist
	Err     string // the last failure, in plain words
	// CachedAt is set when what is shown is an old cached copy (the network
	// or the rate limit allowed nothing newer): when it was last validated.
	CachedAt time.Time
}

func newTimeline(gen, perPage int) *Timeline {
	return &Timeline{pages: map[int][]model.Event{}, inFlight: map[int]bool{}, gen: gen, perPage: perPage,
		pager: model.NewPager(github.MaxTimelinePages)}
}

func (t *Timeline) loading() bool { return len(t.inFlight) > 0 }

// Events are the loaded pages end to end; Gaps the runs of pages between
// them not loaded yet.
func (t *Timeline) Events() []model.Event { return t.events }
func (t *Timeline) Gaps() []Gap           { return t.gaps }

// Asked reports that the timeline has been asked for (the selection
// settled on its PR): answered, failed or on its way.
func (t *Timeline) Asked() bool { return t.loading() || t.loaded || t.err != "" }

// Loaded reports that page 1 has arrived.
func (t *Timeline) Loaded() bool { return t.loaded }

// Err is why the timeline stopped loading, "" when it did not.
func (t *Timeline) Err() string { return t.err }

// Version changes whenever the timeline does.
func (t *Timeline) Version() int { return t.version }

// Gen is the timeline's generation.
func (t *Timeline) Gen() int { return t.gen }

func (t *Timeline) Status() TimelineStatus {
	return TimelineStatus{Loading: t.loading() && len(t.gaps) == 0, More: t.seqNext > 0, Err: t.err, CachedAt: t.cachedAt}
}

// add files page p and what its Link header said, and reports why paging
// must stop ("" when it need not).
func (t *Timeline) add(p int, events []model.Event, info model.Page) string {
	delete(t.inFlight, p)
	t.pages[p] = events
	if info.From == httpcache.CacheStale && (t.cachedAt.IsZero() || info.StoredAt.Before(t.cachedAt)) {
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
		t.last, t.seqNext = min(info.Last, github.MaxTimelinePages), 0
	default:
		t.seqNext = info.Next
	}
	t.rebuild()
	return note
}

// rebuild lays the loaded pages end to end, with a gap for each run of
// pages between them not loaded yet.
func (t *Timeline) rebuild() {
	t.version++
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
		t.gaps = append(t.gaps, Gap{At: len(t.events), FirstPage: gapFrom, LastPage: to,
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
		if len(t.events) == 0 && len(t.gaps) == 0 {
			// The first page is shared, not copied (its capacity cut, so
			// the next page's append copies): a timeline that came in one
			// page is held once.
			t.events = events[:len(events):len(events)]
			continue
		}
		t.events = append(t.events, events...)
	}
	closeGap(end)
}

// request marks page p as asked for.
func (t *Timeline) request(p int) {
	t.inFlight[p] = true
	t.rebuild()
}
