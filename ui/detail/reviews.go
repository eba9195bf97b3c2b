package detail

import (
	"fmt"
	"strings"

	"github.com/prscope/prscope/ui/store"

	"github.com/prscope/prscope/model"
	"github.com/prscope/prscope/ui/common"
)

// UseReviews gives the pane the root's store of reviews.
func (m *Model) UseReviews(r store.Reviews) { m.reviews = r }

// ReviewsLoaded redraws what shows PR number's reviews: the header and its
// reviewed events. An answer for a PR not on screen changes nothing here.
func (m *Model) ReviewsLoaded(number int) {
	if !m.hasPR || m.pr.Number != number {
		return
	}
	m.redrawHeader(func(it item) bool {
		return it.kind == kindEvent && m.events[it.event].Event.Class() == model.ClassReview
	})
}

// redrawHeader redraws the header and the items also marks (nil: none),
// holding the view where it was, or at the end if it followed it.
func (m *Model) redrawHeader(also func(item) bool) {
	anchorItem, anchorLine := m.anchor()
	atEnd := m.top+m.height >= m.lay.total()
	m.invalidate(0)
	for i, it := range m.items {
		if also != nil && also(it) {
			m.invalidate(i)
		}
	}
	if m.followEnd || (atEnd && anchorItem > 0) {
		m.showEnd()
	} else {
		m.holdAnchor(anchorItem, anchorLine)
	}
	m.clampTop()
	m.ensureVisible()
	m.refreshMatches()
}

func (m Model) reviewSet() *store.ReviewSet {
	if m.reviews == nil {
		return nil
	}
	return m.reviews[m.pr.Number]
}

// reviewComments is what a reviewed event has to show beneath its body:
// the threads started in it and its own comments (some may be replies in
// threads started elsewhere).
func (m Model) reviewComments(ev model.Event) (threads []model.ReviewThread, own []model.ReviewComment) {
	set := m.reviewSet()
	if set == nil || ev.Event.Class() != model.ClassReview || ev.ReviewID == 0 {
		return nil, nil
	}
	return set.Threads[ev.ReviewID], set.Own[ev.ReviewID]
}

// maxCommentLines bounds each review comment's body when expanded.
const maxCommentLines = 40

// hunkContext is how many lines of the diff hunk show above a thread.
const hunkContext = 3

// renderReviewComments is a reviewed event's comments: a count collapsed;
// expanded, each thread's place, the diff lines above it, and its comments,
// replies indented under the first.
func (m Model) renderReviewComments(ev model.Event, w int, expanded bool) []string {
	threads, own := m.reviewComments(ev)
	if len(own) == 0 && len(threads) == 0 {
		return nil
	}
	s := m.common.Styles
	tw := w - len(bodyIndent)
	note := model.CommentsNote(own)
	if note == "" {
		note = "replies to it"
	}
	if !expanded {
		return []string{bodyIndent + s.Muted.Render(common.Truncate(note+" (enter to show)", tw))}
	}
	lines := []string{bodyIndent + s.Muted.Render(common.Truncate(note, tw))}
	for _, t := range threads {
		lines = append(lines, bodyIndent+"▸ "+s.Title.Render(common.Truncate(t.Root.Location(), tw-2)))
		for _, h := range model.HunkTail(t.Root.DiffHunk, hunkContext) {
			lines = append(lines, bodyIndent+"  "+s.Muted.Render(common.Truncate("│ "+h, tw-2)))
		}
		lines = append(lines, m.renderReviewComment(t.Root, bodyIndent+"  ", w)...)
		for _, r := range t.Replies {
			lines = append(lines, m.renderReviewComment(r, bodyIndent+"    ↳ ", w)...)
		}
	}
	if elsewhere := repliesElsewhere(threads, own); elsewhere > 0 {
		lines = append(lines, bodyIndent+s.Muted.Render(common.Truncate(
			fmt.Sprintf("%d repl%s in threads shown under earlier reviews", elsewhere, pluralY(elsewhere)), tw)))
	}
	return lines
}

// renderReviewComment is one comment: who and when on a line led by
// prefix, then its body wrapped beneath at the same indent.
func (m Model) renderReviewComment(c model.ReviewComment, prefix string, w int) []string {
	s := m.common.Styles
	indent := strings.Repeat(" ", len([]rune(prefix)))
	head := prefix + s.Author.Render(model.DisplayActor(c.User)) + " " + s.Muted.Render(model.FormatTime(c.CreatedAt))
	lines := []string{common.Truncate(head, w)}
	tw := w - len(indent)
	body, cut := wrapHead(strings.TrimRight(c.Body, "\n"), maxCommentLines, tw)
	if len(body) > maxCommentLines {
		body, cut = body[:maxCommentLines], true
	}
	for _, l := range body {
		lines = append(lines, indent+l)
	}
	if cut {
		lines = append(lines, indent+s.Muted.Render(common.Truncate(fmt.Sprintf("… cut at %d lines: the comment is %s", maxCommentLines, sizeOf(len(c.Body))), tw)))
	}
	return lines
}

// repliesElsewhere counts a review's comments that answer threads begun in
// another review, and so are shown there.
func repliesElsewhere(threads []model.ReviewThread, own []model.ReviewComment) int {
	here := map[int64]bool{}
	for _, t := range threads {
		here[t.Root.ID] = true
		for _, r := range t.Replies {
			here[r.ID] = true
		}
	}
	n := 0
	for _, c := range own {
		if !here[c.ID] {
			n++
		}
	}
	return n
}

// estimateReviewComments guesses the lines renderReviewComments makes.
func (m Model) estimateReviewComments(ev model.Event, expanded bool) int {
	threads, own := m.reviewComments(ev)
	if len(own) == 0 && len(threads) == 0 {
		return 0
	}
	if !expanded {
		return 1
	}
	n := 1
	for _, t := range threads {
		n += 2 + hunkContext + strings.Count(t.Root.Body, "\n") + 1
		for _, r := range t.Replies {
			n += 1 + strings.Count(r.Body, "\n") + 1
		}
	}
	return n
}

// reviewTally is the header's word on reviews, once known.
func (m Model) reviewTally() string {
	if set := m.reviewSet(); set != nil && set.Tally != "" {
		return "reviews: " + set.Tally
	}
	return ""
}

// sourceSuffix completes a cross-referenced event's summary with where
// the source stands and its title: " · merged · Title". The state comes
// first: when the line is cut, it is the title that loses its end.
func (m Model) sourceSuffix(ev model.Event) string {
	src := ev.Source
	if ev.Event != model.KindCrossReferenced || src == nil {
		return ""
	}
	out := ""
	if state := model.SanitizeLine(src.State); state != "" {
		out += " · " + m.common.Styles.State(state).Render(state)
	}
	if src.Title != "" {
		out += " · " + common.Truncate(model.SanitizeLine(src.Title), maxSourceTitle)
	}
	return out
}

// maxSourceTitle is how much of a cross-reference's title its line shows.
const maxSourceTitle = 32

func pluralY(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}
