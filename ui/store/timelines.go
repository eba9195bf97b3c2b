package store

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/github/httpcache"
	"github.com/prscope/prscope/model"
)

// Timeline is PR number's record, made empty on first use: the record of
// every PR visited is kept, so going back costs no request.
func (s *Store) Timeline(number int) *Timeline {
	t, ok := s.timelines[number]
	if !ok {
		t = newTimeline(0, s.cfg.PerPage)
		s.timelines[number] = t
	}
	return t
}

// Asked is PR number's timeline if it was ever asked for.
func (s Store) Asked(number int) (*Timeline, bool) {
	t, ok := s.timelines[number]
	return t, ok
}

// LoadTimeline asks for the first page of PR number's timeline unless it
// is loaded, on its way, or stopped on an error until r.
func (s *Store) LoadTimeline(number int) tea.Cmd {
	if number == 0 {
		return nil
	}
	t := s.Timeline(number)
	if t.loading() || t.loaded || t.err != "" {
		return nil
	}
	return s.timelinePage(number, t, 1, httpcache.Initial)
}

// timelinePage asks for page p of PR number's timeline.
func (s *Store) timelinePage(number int, t *Timeline, p int, intent httpcache.Intent) tea.Cmd {
	return s.timelinePageIn(s.ctx, number, t, p, intent)
}

func (s *Store) onTimeline(r Reply[[]model.Event]) Change {
	t, ok := s.timelines[r.Key.Number]
	if !ok || t.gen != r.Gen {
		return Change{} // from before a reload: superseded
	}
	if r.Err != nil {
		delete(t.inFlight, r.Key.Page)
		t.rebuild()
		if s.fail(KindTimeline, r.Err) {
			t.err = r.Err.Error()
		}
	} else {
		s.succeed(KindTimeline)
		t.err = t.add(r.Key.Page, r.Value, r.Info)
	}
	return Change{Key: r.Key, Err: r.Err}
}

// GapWant is a gap on screen and the side it is approached from.
type GapWant struct {
	Gap
	FromBelow bool
}

// timelinePages asks for the timeline pages the view is about to show:
// the next one near the end when paging on blind (no rel="last"), or, for
// each gap in view, the page on the side it is approached from. At most
// two pages are in flight at once.
func (s *Store) timelinePages(number int, t *Timeline, nearEnd bool, gaps []GapWant) tea.Cmd {
	if t.seqNext > 0 && !t.loading() && nearEnd {
		return s.timelinePage(number, t, t.seqNext, httpcache.Initial)
	}
	var cmds []tea.Cmd
	for _, g := range gaps {
		p := g.FirstPage
		if g.FromBelow {
			p = g.LastPage
		}
		if len(t.inFlight) < 2 && !t.inFlight[p] {
			cmds = append(cmds, s.timelinePage(number, t, p, httpcache.Initial))
		}
	}
	return tea.Batch(cmds...)
}
