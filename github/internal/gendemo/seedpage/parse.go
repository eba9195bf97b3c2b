// Package seedpage reads a text capture of a GitHub pull-request page (what
// a browser's "select all, copy" gives) and rebuilds from it the Dataset
// entry the fake server serves. Parse keeps to what the page shows; Build
// adds, openly, what the page does not (times of day, SHAs, dates it omits).
package seedpage

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Page is what the capture shows of a pull request.
type Page struct {
	Title       string
	Number      int
	State       string // as the page words it: "Open", "Closed", "Merged"
	Author      string
	Base, Head  string
	CommitCount int
	Body        string
	Comments    []Comment
	References  []Reference
	Labels      []string
}

// Comment is one conversation entry after the PR's description.
type Comment struct {
	Author   string
	ByAuthor bool // marked "Author": written by the PR's author
	Body     string
}

// Reference is one "X pushed a commit that referenced this pull request" entry.
type Reference struct {
	Actor   string    // a login; "name bot" on the page becomes "name[bot]"
	Date    time.Time // the day shown, at midnight UTC
	Message string    // the commit message exactly as shown, without a final newline
}

var (
	titleRE     = regexp.MustCompile(`^(.+)#(\d+)$`)
	wantsRE     = regexp.MustCompile(`^(\S+) wants to merge (\d+) commits? into(.+)from$`)
	referenceRE = regexp.MustCompile(`^(.+?) pushed a commit that referenced this pull request ([A-Z][a-z]{2} \d{1,2}, \d{4})$`)
)

const (
	conversationMark = "Conversation"
	copyLinkMark     = "Copy link"
	authorMark       = "Author"
	pageEndPrefix    = "Sign up for free to join this conversation"
)

// Parse reads a page capture.
func Parse(text string) (*Page, error) {
	lines := strings.Split(text, "\n")
	p := &Page{}
	i, err := p.parseHeader(lines)
	if err != nil {
		return nil, err
	}
	conv := indexFrom(lines, i, func(l string) bool { return l == conversationMark })
	if conv < 0 {
		return nil, fmt.Errorf("no %q section", conversationMark)
	}
	end := indexFrom(lines, conv, func(l string) bool { return strings.HasPrefix(l, pageEndPrefix) })
	if end < 0 {
		return nil, fmt.Errorf("no line starting %q ends the conversation", pageEndPrefix)
	}
	firstRef := indexFrom(lines, conv, func(l string) bool { return referenceRE.MatchString(l) })
	if firstRef < 0 || firstRef > end {
		firstRef = end
	}
	if err := p.parseConversation(lines[conv+1 : firstRef]); err != nil {
		return nil, err
	}
	if err := p.parseReferences(lines[firstRef:end]); err != nil {
		return nil, err
	}
	p.parseLabels(lines[end:])
	return p, nil
}

// parseHeader reads the title, state and "wants to merge" lines and returns
// the index after them.
func (p *Page) parseHeader(lines []string) (int, error) {
	t := indexFrom(lines, 0, titleRE.MatchString)
	if t < 0 {
		return 0, fmt.Errorf("no title line like %q", "Title#123")
	}
	m := titleRE.FindStringSubmatch(lines[t])
	p.Title = m[1]
	p.Number, _ = strconv.Atoi(m[2])
	s := indexFrom(lines, t+1, func(l string) bool { return strings.TrimSpace(l) != "" })
	if s < 0 {
		return 0, fmt.Errorf("no state after the title")
	}
	p.State = strings.TrimSpace(lines[s])
	w := indexFrom(lines, s, wantsRE.MatchString)
	if w < 0 || w+1 >= len(lines) {
		return 0, fmt.Errorf("no %q line", "X wants to merge N commits into BASE from HEAD")
	}
	m = wantsRE.FindStringSubmatch(lines[w])
	p.Author, p.Base, p.Head = m[1], m[3], strings.TrimSpace(lines[w+1])
	p.CommitCount, _ = strconv.Atoi(m[2])
	return w + 2, nil
}

// parseConversation splits "@login / Copy link / [Author] / body" blocks: the
// first is the PR's description, the rest are comments.
func (p *Page) parseConversation(lines []string) error {
	isStart := func(i int) bool {
		return strings.HasPrefix(lines[i], "@") && i+1 < len(lines) && lines[i+1] == copyLinkMark
	}
	var starts []int
	for i := range lines {
		if isStart(i) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		return fmt.Errorf("the conversation has no description block")
	}
	for k, start := range starts {
		stop := len(lines)
		if k+1 < len(starts) {
			stop = starts[k+1]
		}
		c := Comment{Author: strings.TrimPrefix(lines[start], "@")}
		bodyStart := start + 2
		if bodyStart < stop && lines[bodyStart] == authorMark {
			c.ByAuthor = true
			bodyStart++
		}
		c.Body = trimBlankLines(lines[bodyStart:stop])
		if k == 0 {
			p.Body = c.Body
			continue
		}
		p.Comments = append(p.Comments, c)
	}
	return nil
}

// parseReferences reads each reference header and the message under it, up
// to the next header; whitespace inside messages is kept as shown.
func (p *Page) parseReferences(lines []string) error {
	var starts []int
	for i, l := range lines {
		if referenceRE.MatchString(l) {
			starts = append(starts, i)
		}
	}
	for k, start := range starts {
		stop := len(lines)
		if k+1 < len(starts) {
			stop = starts[k+1]
		}
		m := referenceRE.FindStringSubmatch(lines[start])
		date, err := time.Parse("Jan 2, 2006", m[2])
		if err != nil {
			return fmt.Errorf("reference %d: %w", k+1, err)
		}
		p.References = append(p.References, Reference{
			Actor:   loginOf(m[1]),
			Date:    date,
			Message: strings.Join(lines[start+1:stop], "\n"),
		})
	}
	return nil
}

// parseLabels reads the sidebar's Labels entry; "None yet" means none.
func (p *Page) parseLabels(lines []string) {
	l := indexFrom(lines, 0, func(l string) bool { return l == "Labels" })
	if l < 0 {
		return
	}
	for _, line := range lines[l+1:] {
		line = strings.TrimSpace(line)
		switch line {
		case "":
			continue
		case "None yet":
			return
		case "Projects", "Milestone", "Development":
			return
		}
		p.Labels = append(p.Labels, line)
	}
}

// loginOf turns the page's "name bot" into the app's login "name[bot]".
func loginOf(shown string) string {
	if name, ok := strings.CutSuffix(shown, " bot"); ok {
		return name + "[bot]"
	}
	return shown
}

func indexFrom(lines []string, from int, match func(string) bool) int {
	for i := from; i < len(lines); i++ {
		if match(lines[i]) {
			return i
		}
	}
	return -1
}

func trimBlankLines(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
