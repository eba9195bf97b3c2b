package detail

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
)

func refsOnly(n int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{ID: fmt.Sprint("r", i), Event: "referenced", Actor: "dave", CreatedAt: at(i),
			Commit: &model.CommitRef{SHA: sha(i), Repo: "acme/widgets"}}
	}
	return evs
}

func shas(refs []model.CommitRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.SHA)
	}
	return out
}

func TestVisibleCommits(t *testing.T) {
	evs := refsOnly(30)
	evs[1].Commit.Message = "Carried in the event\n\nbody"
	evs[3] = model.Event{Event: "merged", Actor: "alice", CreatedAt: at(3), Commit: &model.CommitRef{SHA: sha(3), Repo: "acme/widgets"}}
	evs[4] = model.Event{Event: "closed", Actor: "alice", CreatedAt: at(4), Commit: &model.CommitRef{SHA: sha(4), Repo: "acme/widgets"}}
	m, commits := newPane(t, 100, 24)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})

	// The referenced events with a line on screen, message unknown.
	inView := func(m Model) []string {
		var want []string
		for i, ev := range evs {
			item := eventItem(m, i)
			visible := m.lay.offset(item) < m.top+m.height && m.lay.offset(item+1) > m.top
			if ev.Event == "referenced" && ev.Commit.Message == "" && visible {
				if _, known := commits[store.CommitKey(ev.Commit.Repo, ev.Commit.SHA)]; !known {
					want = append(want, sha(i))
				}
			}
		}
		return want
	}
	onScreen := func() []string { return inView(m) }
	got := shas(m.VisibleCommits())
	if want := onScreen(); len(want) < 3 || !slices.Equal(got, want) {
		t.Fatalf("VisibleCommits = %v, want %v", got, want)
	}
	if slices.Contains(got, sha(1)) {
		t.Errorf("a commit carrying its message was asked for")
	}
	if slices.Contains(got, sha(3)) || slices.Contains(got, sha(4)) {
		t.Errorf("a merged or closed event's commit was asked for: %v", got)
	}
	if slices.Contains(got, sha(29)) {
		t.Errorf("an off-screen commit was asked for: %v", got)
	}
	if !strings.Contains(m.View(), "loading commit message…") {
		t.Errorf("unknown message not shown as loading:\n%s", m.View())
	}

	// In flight: not asked for again.
	k0 := store.CommitKey("acme/widgets", sha(0))
	commits[k0] = store.CommitInfo{Loading: true}
	if got := shas(m.VisibleCommits()); slices.Contains(got, sha(0)) || !slices.Equal(got, onScreen()) {
		t.Errorf("VisibleCommits with #0 loading = %v", got)
	}

	// Arrived.
	commits[k0] = store.CommitInfo{Message: "\n  Subject of zero  \n\nThe body of zero."}
	m.CommitLoaded(k0)
	if !strings.Contains(m.View(), sha(0)[:7]+" Subject of zero") {
		t.Errorf("loaded message's first line not drawn:\n%s", m.View())
	}
	if strings.Contains(m.View(), "The body of zero") {
		t.Errorf("collapsed commit shows its body:\n%s", m.View())
	}

	checkFailedCommit(t, m, commits, inView)
}

// checkFailedCommit: a failed message shows why and is not asked for
// again; at the end the last commits are the ones in view.
func checkFailedCommit(t *testing.T, m Model, commits store.Commits, inView func(Model) []string) {
	t.Helper()
	// Failed.
	k2 := store.CommitKey("acme/widgets", sha(2))
	commits[k2] = store.CommitInfo{Err: "404 Not Found"}
	m.CommitLoaded(k2)
	if !strings.Contains(m.View(), "message unavailable: 404 Not Found") {
		t.Errorf("failed commit not shown as unavailable:\n%s", m.View())
	}
	if got := shas(m.VisibleCommits()); slices.Contains(got, sha(0)) || slices.Contains(got, sha(2)) || !slices.Equal(got, inView(m)) {
		t.Errorf("VisibleCommits after loading = %v, want %v", got, inView(m))
	}

	// Scrolled to the end: the last ones, and none of the first.
	m = press(m, "G")
	got := shas(m.VisibleCommits())
	if !slices.Contains(got, sha(29)) || slices.Contains(got, sha(5)) || !slices.Equal(got, inView(m)) {
		t.Errorf("VisibleCommits at the end = %v, want %v", got, inView(m))
	}
}

func TestCommitOfClosedOrMergedEventIsNotFetched(t *testing.T) {
	evs := []model.Event{
		{Event: "merged", Actor: "alice", CreatedAt: at(0), Commit: &model.CommitRef{SHA: sha(0), Repo: "acme/widgets"}},
		{Event: "closed", Actor: "bob", CreatedAt: at(1), Commit: &model.CommitRef{SHA: sha(1), Repo: "acme/widgets"}},
	}
	m, _ := newPane(t, 80, 30)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	v := m.View()
	for _, want := range []string{"○ alice merged commit " + sha(0)[:7], "○ bob closed this in " + sha(1)[:7]} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "loading commit message") {
		t.Errorf("a message that is never fetched is shown as loading:\n%s", v)
	}
	if got := m.VisibleCommits(); len(got) != 0 {
		t.Errorf("VisibleCommits = %v, want none", got)
	}
	m = moveCursorTo(t, m, eventItem(m, 0))
	before := m.View()
	if m = press(m, "enter"); m.View() != before {
		t.Errorf("enter changed a merged event:\n%s\n---\n%s", before, m.View())
	}
}

func TestCommitLoadedKeepsTheView(t *testing.T) {
	evs := refsOnly(40)
	m, commits := newPane(t, 80, 10)
	m.ShowTimeline(testPR(1), evs, nil, store.TimelineStatus{})
	// #5 is expanded while its message is loading (one line), then left
	// above the view; its message makes it 20 lines taller.
	m = moveCursorTo(t, m, eventItem(m, 5))
	m = press(m, "enter")
	target := eventItem(m, 20)
	m = moveCursorTo(t, m, target)
	m = press(m, "enter") // expanded while still loading
	m = press(m, "j", "j")
	if m.lay.offset(eventItem(m, 5)+1) > m.top {
		t.Fatalf("setup: #5 still on screen")
	}
	before := m.View()
	topItem, topLine := m.anchor()
	// Messages of commits above the view arrive: tall expanded ones below
	// it and collapsed ones above must not move what is on screen.
	for _, i := range []int{2, 5, 30} {
		k := store.CommitKey("acme/widgets", sha(i))
		commits[k] = store.CommitInfo{Message: "Subject " + fmt.Sprint(i) + "\n\n" + numberedLines("body", 20)}
		m.CommitLoaded(k)
	}
	if got := m.View(); got != before {
		t.Errorf("messages off screen moved the view:\n%s\n---\n%s", before, got)
	}
	k := store.CommitKey("acme/widgets", sha(20))
	commits[k] = store.CommitInfo{Message: "Subject twenty\n\n" + numberedLines("twenty", 30)}
	m.CommitLoaded(k)
	if i, l := m.anchor(); i != topItem || l != topLine {
		t.Errorf("after the cursor's message arrived the top is item %d line %d, want %d line %d", i, l, topItem, topLine)
	}
	if !strings.Contains(m.View(), "acme/widgets") {
		t.Errorf("expanded commit not redrawn with its message:\n%s", m.View())
	}
}

// A commit's link is made of its SHA and repository as the API gave them:
// only real ones make one, so a hostile answer cannot aim o elsewhere.
func TestCommitLinkNeedsARealSHAAndRepository(t *testing.T) {
	pr := testPR(1)
	pr.HTMLURL = "https://github.com/acme/widgets/pull/1"
	for _, tt := range []struct {
		sha, repo string
		link      bool
	}{
		{sha(1), "acme/widgets", true},
		{"../../../settings/tokens", "acme/widgets", false},
		{sha(1), "acme/../../settings", false},
	} {
		m, _ := newPane(t, 80, 20)
		ev := referenced(1, "msg")
		ev.Commit.SHA, ev.Commit.Repo = tt.sha, tt.repo
		m.ShowTimeline(pr, []model.Event{ev}, nil, store.TimelineStatus{})
		m = press(m, "G")
		target, _ := m.Selected()
		if got := strings.Contains(target.URL, "/commit/"); got != tt.link || strings.Contains(target.URL, "settings") {
			t.Errorf("commit %q in %q: link %q, want a commit link: %v", tt.sha, tt.repo, target.URL, tt.link)
		}
	}
}

// TestRegroupingKeepsTheCursorRow: messages that arrive and fold pushes
// between the top of the view and the cursor leave the selected item on
// its screen row.
func TestRegroupingKeepsTheCursorRow(t *testing.T) {
	m, commits := newPane(t, 100, 30)
	var evs []model.Event
	for i := range 40 { // enough above that the view is scrolled
		evs = append(evs, comment(100+i, "earlier"))
	}
	evs = append(evs, referenced(1, ""), referenced(2, ""), referenced(3, ""), comment(4, "the one I read"))
	for i := range 5 {
		evs = append(evs, comment(200+i, "later"))
	}
	m.ShowTimeline(testPR(11), evs, nil, store.TimelineStatus{})
	m = moveCursorTo(t, m, eventItem(m, 43))
	m.top = m.lay.offset(m.cursor) - 20 // the comment on row 20, the pushes above it in view
	m.ensureRendered()
	row := m.lay.offset(m.cursor) - m.top
	for _, e := range []int{40, 41, 42} {
		c := evs[e].Commit
		commits[store.CommitKey(c.Repo, c.SHA)] = store.CommitInfo{Loaded: true, Message: "bpf: the same patch\n\nbody"}
		m.CommitLoaded(store.CommitKey(c.Repo, c.SHA))
	}
	if !m.grouped() {
		t.Fatal("setup: the three pushes did not fold")
	}
	if got := m.items[m.cursor]; got.kind != kindEvent || got.event != 43 {
		t.Fatalf("the cursor left the comment: %+v", got)
	}
	if got := m.lay.offset(m.cursor) - m.top; got != row {
		t.Errorf("the selected comment moved from row %d to row %d", row, got)
	}
}
