package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// PatchGroup is one patch pushed again and again: bots such as
// kernel-patches-daemon re-push a series to several branches, each push a
// new commit that references the PR. Shown as one entry, 22 pushes read as
// one patch in 3 revisions instead of a wall.
type PatchGroup struct {
	// ID is stable across runs and machines: a short hash of the patch's
	// subject as patchSubject normalizes it.
	ID      string
	Kind    GroupKind // pushes of a patch, or a bot's unchanged comments
	Subject string    // the patch's subject, whitespace collapsed (a bot run's: its version)
	// Events are indexes into the events given to GroupPatches, in the
	// order given (chronological for a sorted timeline).
	Events    []int
	Revisions int // distinct messages among the pushes
	// PushRevisions is the 1-based revision of each push, parallel to
	// Events, so the UI need not compare messages again.
	PushRevisions []int
	// First and Last are the earliest and latest push times (zero when no
	// push has a time).
	First, Last time.Time
	Actors      []string // who pushed, each once, in order of first push
}

// groupIDLen is how many hex digits of the hash a group's ID keeps: short
// enough to read, long enough that a PR's few groups never collide.
const groupIDLen = 12

// GroupPatches groups the referencing commits (referenced events whose
// commit message is known) that carry the same patch: the same message,
// ignoring trailing whitespace, or the same subject. Every such commit is in
// exactly one group, alone if need be. Groups come in order of first push.
func GroupPatches(events []Event) []PatchGroup {
	var groups []PatchGroup
	groupOf := make(map[string]int)       // subject → index in groups
	revisionOf := make(map[[2]string]int) // (subject, normalized message) → revision
	for i, e := range events {
		message, ok := pushedMessage(e)
		if !ok {
			continue
		}
		subject, author := patchIdentity(message)
		identity := subject
		if author != "" {
			identity += "\x00" + author // one series title, two people's cover letters: two patches
		}
		g, ok := groupOf[identity]
		if !ok {
			g = len(groups)
			groupOf[identity] = g
			groups = append(groups, PatchGroup{ID: groupID(identity), Subject: subject})
		}
		group := &groups[g]
		group.Events = append(group.Events, i)
		key := [2]string{identity, message}
		rev, ok := revisionOf[key]
		if !ok {
			group.Revisions++
			rev = group.Revisions
			revisionOf[key] = rev
		}
		group.PushRevisions = append(group.PushRevisions, rev)
		group.addPush(EventTime(e), e.Actor)
	}
	return groups
}

func (g *PatchGroup) addPush(at time.Time, actor string) {
	if !at.IsZero() {
		if g.First.IsZero() || at.Before(g.First) {
			g.First = at
		}
		if at.After(g.Last) {
			g.Last = at
		}
	}
	for _, a := range g.Actors {
		if a == actor {
			return // a handful of pushers at most, so a scan beats a map
		}
	}
	g.Actors = append(g.Actors, actor)
}

// RevisionOf is the 1-based revision of the push at events[i] within group:
// revision 1 is the first message pushed, 2 the next different one, and so
// on. It is 0 when events[i] is not in the group.
func RevisionOf(group PatchGroup, events []Event, i int) int {
	if len(group.PushRevisions) == len(group.Events) {
		for k, j := range group.Events {
			if j == i {
				return group.PushRevisions[k]
			}
		}
		return 0
	}
	// A group built by hand: compare the messages.
	seen := make(map[string]int)
	for _, j := range group.Events {
		message, ok := eventMessage(events, j)
		if !ok {
			continue
		}
		if _, ok := seen[message]; !ok {
			seen[message] = len(seen) + 1
		}
		if j == i {
			return seen[message]
		}
	}
	return 0
}

// RevisionMessages are the group's distinct messages, normalized, in
// revision order: revision r's message is at r-1, so the UI can diff each
// against the one before with MessageDiff.
func RevisionMessages(group PatchGroup, events []Event) []string {
	var messages []string
	seen := make(map[string]bool)
	for _, j := range group.Events {
		if message, ok := eventMessage(events, j); ok && !seen[message] {
			seen[message] = true
			messages = append(messages, message)
		}
	}
	return messages
}

func eventMessage(events []Event, i int) (string, bool) {
	if i < 0 || i >= len(events) {
		return "", false
	}
	return pushedMessage(events[i])
}

// pushedMessage is the normalized message of a referencing commit, if e is
// one whose message is known.
func pushedMessage(e Event) (string, bool) {
	if !e.Event.References() || e.Commit == nil {
		return "", false
	}
	message := normalizeMessage(e.Commit.Message)
	return message, message != ""
}

// normalizeMessage drops trailing whitespace from every line and blank lines
// at both ends, which git, editors and mail round trips change freely.
func normalizeMessage(message string) string {
	var b strings.Builder
	b.Grow(len(message))
	for line := range strings.Lines(message) {
		b.WriteString(strings.TrimRight(line, " \t\r\n"))
		b.WriteByte('\n')
	}
	return strings.Trim(b.String(), "\n")
}

// patchSubject is what identifies a patch across pushes: its first
// paragraph with whitespace collapsed. For a normal commit that is the
// subject line. Where only the body is known (as on GitHub's page, which
// shows no subject), a re-wrapped first sentence still matches. A pulled
// series' cover letter ("Ido Schimmel says:" then a "=====" rule) is
// identified by the title after the rule: every series from one maintainer
// starts with the same "says:" line.
func patchSubject(message string) string {
	subject, _ := patchIdentity(message)
	return subject
}

// patchIdentity is a patch's subject (see patchSubject) and, when its
// message carries a cover letter, the letter's author ("" otherwise). A
// merge commit ("Merge branch 'hw-stats'") whose cover letter follows is
// identified by its subject, the letter's title and its author, so merges
// of one branch name by different people are different patches.
func patchIdentity(message string) (subject, author string) {
	lines := strings.Split(message, "\n")
	para, next := paragraphAt(lines, 0)
	if who, title, ok := coverLetter(lines, para, next); ok {
		return collapse(title), who // the letter opens the message
	}
	if len(para) > 0 && strings.HasPrefix(para[0], "Merge ") {
		second, after := paragraphAt(lines, next)
		if who, title, ok := coverLetter(lines, second, after); ok {
			return collapse(para) + " · " + collapse(title), who
		}
	}
	return collapse(para), ""
}

// coverLetter reads para as a cover letter's "Name says:" line, followed
// (from line next) by a "=====" rule and the letter's title.
func coverLetter(lines, para []string, next int) (author string, title []string, ok bool) {
	if len(para) != 1 || !strings.HasSuffix(para[0], " says:") {
		return "", nil, false
	}
	rule := skipBlank(lines, next)
	if rule >= len(lines) || !isRuleLine(lines[rule]) {
		return "", nil, false
	}
	title, _ = paragraphAt(lines, rule+1)
	if len(title) == 0 {
		return "", nil, false
	}
	return strings.TrimSpace(strings.TrimSuffix(para[0], " says:")), title, true
}

// collapse joins lines with runs of whitespace made one space.
func collapse(lines []string) string {
	return strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
}

// paragraphAt returns the first paragraph at or after line from, ending at
// a blank line or a rule, and the index after it.
func paragraphAt(lines []string, from int) (para []string, next int) {
	i := skipBlank(lines, from)
	start := i
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" && !isRuleLine(lines[i]) {
		i++
	}
	return lines[start:i], i
}

func skipBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// isRuleLine recognizes the "====================" that brackets a cover
// letter in a merge commit.
func isRuleLine(line string) bool {
	line = strings.TrimSpace(line)
	return len(line) >= 3 && strings.Trim(line, "=") == ""
}

func groupID(subject string) string {
	sum := sha256.Sum256([]byte(subject))
	return hex.EncodeToString(sum[:])[:groupIDLen]
}
