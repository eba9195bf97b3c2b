package model

import (
	"strconv"
	"strings"
)

// RefKind says why a commit message references a PR. GitHub links every
// "#N" in a pushed commit's message to issue or PR N, so most "pushed a
// commit that referenced this pull request" entries are accidents of
// kernel-style text: backtrace frames, patch numbers, build numbers.
type RefKind string

const (
	RefStackFrame   RefKind = "stack-frame"   // "#11 [ffff89240e1a3a18] cmd_exec at …"
	RefPatchNumber  RefKind = "patch-number"  // "Patches #3-#11 are …"
	RefKernelBuild  RefKind = "kernel-build"  // "Not tainted 5.18.0-rc1+ #11"
	RefNumberedItem RefKind = "numbered-item" // "insn #11", "test #11", "#11/3"
	RefExplicit     RefKind = "explicit"      // "Fixes #11", "owner/repo#11", the PR's URL
	RefMention      RefKind = "mention"       // anything else
)

// LikelyAccidental reports whether a reference of this kind is most likely
// not about the PR at all, so the UI may hide it.
func (k RefKind) LikelyAccidental() bool {
	return k != RefExplicit && k != RefMention
}

// Reference is one place in a commit message that GitHub links to the PR.
type Reference struct {
	Kind   RefKind
	Line   string // the whole line the match is on, trimmed
	LineNo int    // 0-based line number in the message
	// Start and End are the byte offsets of the match within Line, so the
	// UI can highlight it.
	Start, End int
}

// Text is the matched text, such as "#11" or "owner/repo#11".
func (r Reference) Text() string { return r.Line[r.Start:r.End] }

// FindReferences returns every occurrence in message that GitHub would link
// to PR number of repo, classified, in message order: "#N" as a whole token
// (not "#NN", "&#N;", "a#N" or inside a URL), "OWNER/REPO#N" (owner and repo
// compared case-insensitively; another repository's "#N" is not this PR)
// and the PR's URL, ".../pull/N" or ".../issues/N".
func FindReferences(message string, repo Repo, number int) []Reference {
	if number <= 0 {
		return nil
	}
	num := strconv.Itoa(number)
	var refs []Reference
	lineNo := 0
	for raw := range strings.Lines(message) {
		line := strings.TrimSpace(raw)
		if strings.Contains(line, num) { // cheap filter: most lines have no N at all
			for _, m := range matchesInLine(line, repo, num) {
				refs = append(refs, Reference{
					Kind:   ClassifyReference(line, m.start, m.end),
					Line:   line,
					LineNo: lineNo,
					Start:  m.start,
					End:    m.end,
				})
			}
		}
		lineNo++
	}
	return refs
}

// kindPriority orders kinds by how much they tell a reader: an explicit
// reference is the answer; a mention may be real, so it beats accidents;
// among accidents, the more specific pattern explains more.
var kindPriority = map[RefKind]int{
	RefExplicit:     0,
	RefMention:      1,
	RefPatchNumber:  2,
	RefStackFrame:   3,
	RefKernelBuild:  4,
	RefNumberedItem: 5,
}

// PrimaryReference picks the reference to show for a commit: an explicit one
// first, else the most telling kind, the earliest among equals. It is false
// when refs is empty.
func PrimaryReference(refs []Reference) (Reference, bool) {
	if len(refs) == 0 {
		return Reference{}, false
	}
	best := refs[0]
	for _, r := range refs[1:] {
		if refRank(r.Kind) < refRank(best.Kind) {
			best = r
		}
	}
	return best, true
}

func refRank(k RefKind) int {
	if p, ok := kindPriority[k]; ok {
		return p
	}
	return len(kindPriority) // unknown kinds last
}
