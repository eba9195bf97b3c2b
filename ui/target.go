package ui

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/store"
)

// target is the PR named on the command line (OWNER/REPO#N), followed until
// it is shown or the user moves on. Its methods say what to show as picks;
// the root's show carries them out.
type target struct {
	number  int // 0 once shown, or given up
	missing int // the target, shown only by why it could not be fetched
	// absent says the missing target is not in the repository (a 404 from
	// a repository that lists its PRs): what every failure of its parts
	// comes down to.
	absent string
}

// firstPick shows the target once the list has it, or else the first PR;
// never if the user already chose one.
func (t *target) firstPick(l *listSide, shown int) pick {
	if t.number != 0 {
		if (shown == 0 || t.missing == t.number) && l.list.Select(t.number) {
			pr, _ := l.list.Selected()
			return pick{pr: pr, ok: true, focus: true}
		}
		return pick{} // still on its way (GET /pulls/N), or the user moved on
	}
	if shown == 0 && !l.search.active { // search results choose their own
		pr, ok := l.list.Selected()
		return pick{pr: pr, ok: ok}
	}
	return pick{}
}

// onPull takes GET /pulls/N: a fresher copy for the list (and the pane, by
// fresher), or the target.
func (t *target) onPull(ch store.Change, l *listSide, shown int) (p pick, fresher bool) {
	if ch.Err != nil {
		if ch.Number == t.number {
			return t.onMissing(ch.Err, l, shown), false // keep to it: r asks again
		}
		return pick{}, false
	}
	pr := ch.PRs[0]
	l.list.AddOutOfOrder(pr) // or, when listed, a fresher copy with counts
	if pr.Number == t.number {
		p = t.firstPick(l, shown)
		t.number = 0
	}
	return p, pr.Number == shown
}

// onMissing keeps to the target when GET /pulls/N failed: the list's copy
// stands in when it has one; otherwise the detail pane shows #N by why it
// is missing, so r (which reloads the shown PR) asks for #N again, not for
// the newest PR. A list page that brings #N later shows it. Once the user
// chose another PR, the target is given up.
func (t *target) onMissing(err error, l *listSide, shown int) pick {
	n := t.number
	if shown != 0 && shown != n {
		t.number = 0 // the user moved on
		return pick{}
	}
	if pr, ok := l.list.Lookup(n); ok {
		t.number = 0
		if shown == n {
			return pick{} // shown from the list already
		}
		l.list.Select(n)
		return pick{pr: pr, ok: true, focus: true}
	}
	t.missing = n
	title := "could not load (" + l.common.Retry() + "): " + store.OneLine(err)
	var apiErr *github.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound && l.list.Len() > 0 {
		// The repository answered with its PRs, so it exists and is
		// readable: the PR is what is not there, not the access.
		title = fmt.Sprintf("no PR #%d in %s", n, l.repo)
		t.absent = title
	}
	return pick{pr: model.PullRequest{Number: n, Title: title}, ok: true, focus: true, standIn: true}
}
