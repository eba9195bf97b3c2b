package detail

import (
	"strconv"

	"github.com/prscope/prscope/model"
)

// Target is what the cursor is on, named as the outside world names it:
// for o (open in the browser), y (copy its URL) and Y (copy its SHA or
// number).
type Target struct {
	What string // "PR #11", "comment", "commit 009880d": for the status bar
	URL  string // its page on GitHub; "" when it has none
	ID   string // a commit's full SHA, else the PR's number ("#11")
}

// PRTarget is pr itself.
func PRTarget(pr model.PullRequest) Target {
	n := "#" + strconv.Itoa(pr.Number)
	return Target{What: "PR " + n, URL: model.SanitizeLine(pr.HTMLURL), ID: n}
}

// Selected is what the cursor is on: an event that has a page of its own (a
// comment, a commit), or else the PR.
func (m Model) Selected() (Target, bool) {
	if !m.hasPR {
		return Target{}, false
	}
	pr := PRTarget(m.pr)
	if m.cursor >= len(m.items) || m.items[m.cursor].kind != kindEvent {
		return pr, true
	}
	ev := model.SanitizeEvent(m.events[m.items[m.cursor].event])
	if c := ev.Commit; c != nil && c.SHA != "" {
		t := Target{What: "commit " + model.ShortSHA(c.SHA), ID: c.SHA}
		// Both come from the API: a link is made only of a real SHA and
		// repository name, so a hostile one cannot point o elsewhere.
		_, repoErr := model.ParseRepo(c.Repo)
		if web := model.WebRoot(m.pr.HTMLURL); web != "" && repoErr == nil && model.SHAProblem(c.SHA) == "" {
			t.URL = web + c.Repo + "/commit/" + c.SHA
		}
		return t, true
	}
	if ev.HTMLURL != "" {
		return Target{What: ev.Event.Noun(), URL: ev.HTMLURL, ID: pr.ID}, true
	}
	return pr, true
}
