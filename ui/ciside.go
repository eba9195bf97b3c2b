package ui

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/cihistory"
	"github.com/prscope/prscope/ui/common"
	"github.com/prscope/prscope/ui/detail"
	"github.com/prscope/prscope/ui/store"
)

// ciSide is the detail pane's other face, the PR's CI history (c toggles
// it with the timeline): the view, whether it is the face shown, and the
// state of the store it was last given.
type ciSide struct {
	view  cihistory.Model
	shown bool
	drawn struct{ number, ci, timeline int }
}

func newCISide(c common.Common) ciSide { return ciSide{view: cihistory.New(c)} }

// toggle shows the history in place of the timeline, or back.
func (s *ciSide) toggle(focused bool) {
	s.shown = !s.shown
	s.drawn.ci = -1 // read it all again: shown, the whole history is wanted
	if s.shown && focused {
		s.view.Focus()
	} else {
		s.view.Blur()
	}
}

// setFocus follows the detail pane's focus.
func (s *ciSide) setFocus(focused bool) {
	if focused && s.shown {
		s.view.Focus()
	} else {
		s.view.Blur()
	}
}

// sync hands the view what the store has of the shown PR's CI, when it
// changed, and the detail header its one-line summary.
func (s *ciSide) sync(st store.Store, d *detail.Model, shown int, back string) {
	pr, ok := d.PR()
	if !ok || shown == 0 || pr.Number != shown {
		return
	}
	t := st.Timeline(shown)
	now := struct{ number, ci, timeline int }{shown, st.CIVersion(), t.Version() + 1000*t.Gen()}
	if now == s.drawn {
		return // after most messages: nothing of it changed
	}
	s.drawn = now
	ci := st.CI(shown)
	// Reading versions walks the whole loaded timeline: only when there
	// is something to match them with, or the history is on screen.
	var h model.History
	if len(ci.Runs.Value) > 0 || s.shown {
		h = st.CIHistory(pr, ci)
	}
	data := cihistory.Data{Number: shown, Title: "CI history of #" + strconv.Itoa(shown) + " · " + back + ": back to the timeline",
		History: h, Branch: pr.Head, Version: ci.Version + now.timeline, Supported: ci.Supported,
		Loading: ci.Runs.Loading, Err: ci.Runs.Err, RunsRead: len(ci.Runs.Value), RunsTotal: ci.RunsTotal, MoreRuns: ci.MoreRuns,
		TimelinePartial: len(t.Gaps()) > 0 || t.Status().More || !t.Loaded(), JobsLoading: map[int64]bool{}, LogLoading: map[int64]bool{}}
	for id, j := range ci.Jobs {
		data.JobsLoading[id] = j.Loading
	}
	for id, l := range ci.Logs {
		data.LogLoading[id] = l.Loading
	}
	s.view.SetData(data)
	d.SetCIHeadline(s.view.Headline())
	verdicts := map[string]string{}
	for _, tv := range h.Versions {
		if len(tv.Runs) > 0 {
			_, words := tv.Verdict()
			verdicts[tv.Version.EventID] = words // by the comment that announced it: v1 and v1 rebased differ
			if tv.Version.Kind == model.VersionUpstream {
				verdicts[detail.VersionKey(tv.Version.Label())] = words
			}
		}
	}
	d.SetCIVerdicts(verdicts)
}

// wants adds what the history needs to w: the shown PR's runs, the jobs
// of the runs in sight (and of each version's latest run, for the header)
// and, while it is shown, the whole timeline (its versions).
func (s ciSide) wants(w *store.Wants, d detail.Model) {
	pr, ok := d.PR()
	if !ok || pr.Number != w.Shown {
		return
	}
	w.Runs = store.RunsKey{Number: pr.Number, Branch: pr.Head, Opened: pr.CreatedAt}
	var anns []int64
	w.RunJobs, anns = s.view.Wants(s.shown)
	if s.shown { // the header needs no failing test's name
		w.Annotations = anns
	}
	w.WholeTimeline = s.shown
	w.MoreRuns = s.shown && s.view.NearEnd()
}

// update gives the view a key; a log it asks for goes to the store.
func (s *ciSide) update(k tea.KeyMsg) tea.Cmd {
	var cmd tea.Cmd
	s.view, cmd = s.view.Update(k)
	return cmd
}

// face is the detail pane's drawing: the history when shown, else the
// timeline.
func (s ciSide) face(d detail.Model) string {
	if s.shown {
		return s.view.View()
	}
	return d.View()
}

// selected is what o and y act on in the history: the selected run's or
// job's page (Y copies its id).
func (s ciSide) selected() (detail.Target, bool) {
	url, what, id := s.view.Selected()
	if url == "" {
		return detail.Target{}, false
	}
	return detail.Target{What: what, URL: url, ID: id}, true
}
