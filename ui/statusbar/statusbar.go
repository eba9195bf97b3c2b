// Package statusbar is prscope's bottom line: where we are, what is loading,
// what went wrong, and how much rate limit is left.
package statusbar

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// Info is everything the bar shows; the root sets it after each update.
type Info struct {
	Repo      string
	Loaded    int  // PRs loaded
	Total     int  // an upper bound on the PRs (from the last page's number)
	TotalKnow bool // Total is exact (the last page has arrived)
	Spinner   string
	Busy      bool
	Err       string
	Anonymous bool
	Identity  string // whose token: "@login", or "token" when unknown; "" shows nothing
	Demo      bool
	Rate      model.RateLimit
	// NoneSent: no request has gone to the network yet (the cache answered
	// everything), so GitHub has said nothing of the rate limit.
	NoneSent bool
	CachedAt time.Time // the list shown is an old cached copy, last validated then
	Search   string    // the timeline search, when there is one
	State    string    // open or closed when the list shows only those; "" for all
	// RenamedTo is the repository's new name when GitHub said it was
	// renamed: said once here, and the requests go there.
	RenamedTo string
	// Noun is what Loaded and Total count: "results" while a GitHub search
	// is shown in place of the list; "" for PRs.
	Noun    string
	Notice  string // how the last action went ("copied …"; "✗ …" when it failed)
	Now     time.Time
	HelpKey string // the key that shows the help, as its binding says; "?" when empty
}

// Model is the status bar.
type Model struct {
	common common.Common
	width  int
	info   Info
}

// New returns an empty status bar.
func New(c common.Common) Model { return Model{common: c} }

// SetSize sets the bar's width (it is one line high).
func (m *Model) SetSize(width, _ int) { m.width = width }

// SetInfo replaces what the bar shows.
func (m *Model) SetInfo(info Info) { m.info = info }

// View draws the bar: facts on the left, the error after them, the
// rate limit and help hint on the right.
func (m Model) View() string {
	if m.width <= 0 {
		return ""
	}
	s := m.common.Styles
	i := m.info
	left := []string{s.StatusRepo.Render(i.Repo)}
	if i.RenamedTo != "" {
		left[0] = s.StatusRepo.Render(model.SanitizeLine(i.RenamedTo)) + s.StatusWarning.Render(" (renamed from "+i.Repo+")")
	}
	if i.Search != "" {
		left = append(left, s.StatusWarning.Render(model.SanitizeLine(i.Search)))
	}
	if i.Demo {
		left = append(left, s.StatusWarning.Render("demo"))
	}
	prs := "PRs"
	switch {
	case i.Noun != "":
		prs = i.Noun
	case i.State != "" && i.State != "all":
		prs = i.State + " PRs" // --state narrows the list: say so
	}
	switch {
	case i.TotalKnow:
		left = append(left, fmt.Sprintf("%d %s", i.Total, prs))
	case i.Total > 0:
		left = append(left, fmt.Sprintf("%d of ≤%d %s", i.Loaded, i.Total, prs))
	default:
		left = append(left, fmt.Sprintf("%d %s loaded", i.Loaded, prs))
	}
	if !i.CachedAt.IsZero() {
		left = append(left, s.StatusWarning.Render("cached "+m.common.Since(i.CachedAt)))
	}
	if i.Busy {
		left = append(left, i.Spinner+" loading")
	}
	if i.Err != "" {
		left = append(left, s.Error.Render("error: "+model.SanitizeLine(i.Err)))
	}
	if i.Notice != "" {
		style := s.StatusWarning
		if strings.HasPrefix(i.Notice, "✗") {
			style = s.Error
		}
		left = append(left, style.Render(model.SanitizeLine(i.Notice)))
	}

	right := m.rightFacts()
	l := strings.Join(left, " · ")
	r := strings.Join(right, " · ")
	rw := lipgloss.Width(r)
	if rw+10 > m.width {
		return s.StatusBar.Render(ansi.Truncate(l, m.width, "…"))
	}
	// Cut mid-part (an error must show its start), but not on a dangling "·".
	l = strings.Replace(ansi.Truncate(l, m.width-rw-1, "…"), " ·…", " …", 1)
	gap := m.width - lipgloss.Width(l) - rw
	return s.StatusBar.Render(l + strings.Repeat(" ", max(gap, 1)) + r)
}

// rightFacts are the right side: whose token, the rate limit, the help key.
func (m Model) rightFacts() []string {
	s := m.common.Styles
	i := m.info
	var right []string
	if i.Anonymous {
		anon := "anonymous"
		if i.Rate.Known && i.Rate.Limit == 60 {
			anon += " (60 req/h)" // github.com's budget without a token: said only when the server says so
		}
		right = append(right, s.StatusWarning.Render(anon))
	} else if i.Identity != "" {
		right = append(right, model.SanitizeLine(i.Identity))
	}
	if i.Rate.Known {
		rate := fmt.Sprintf("rate %d/%d", i.Rate.Remaining, i.Rate.Limit)
		if i.Rate.Limit > 0 && i.Rate.Remaining*10 < i.Rate.Limit {
			rate += ", resets in " + until(i.Now, i.Rate.Reset)
			rate = s.StatusWarning.Render(rate)
		}
		right = append(right, rate)
	} else if i.NoneSent {
		right = append(right, s.Muted.Render("rate: all cached"))
	}
	helpKey := i.HelpKey
	if helpKey == "" {
		helpKey = "?"
	}
	right = append(right, s.Muted.Render(helpKey+" help"))

	return right
}

func until(now, t time.Time) string {
	d := t.Sub(now)
	if d < time.Minute {
		return "<1m"
	}
	if d < time.Hour {
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
