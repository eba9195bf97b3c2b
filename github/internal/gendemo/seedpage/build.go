package seedpage

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/prscope/prscope/github/fake"

	"github.com/prscope/prscope/model"
)

// What the page does not show, and Build therefore assumes. Each choice is
// also written down in github/fake/demodata/README.md; change both together.
var (
	// PR #11 is one of the repository's first, long before the first
	// reference (Feb 18, 2022); the exact day is a guess.
	createdAt = time.Date(2020, 2, 20, 16, 0, 0, 0, time.UTC)
	// The page says Closed but shows no close event; we close the PR the
	// day after the last reference (Aug 3, 2023).
	closedAt = time.Date(2023, 8, 4, 9, 0, 0, 0, time.UTC)
)

const (
	// The first reference of a day is at 10:00 UTC, each further one on the
	// same day referenceSpacing later, so page order is time order.
	firstReferenceOfDay = 10 * time.Hour
	referenceSpacing    = 45 * time.Minute
	// Comments follow the PR's opening commentSpacing apart.
	commentSpacing = 5 * time.Minute
	// The PR's own commit: neither its message nor its SHA is on the page.
	ownCommitMessage = "adding ci files\n\n" +
		"(Reconstructed by prscope's demo generator: the captured page shows neither this commit's message nor its SHA.)"
	ownCommitBefore = 30 * time.Minute // authored this long before the PR was opened
)

// Repo is the repository the page belongs to.
const Repo = "kernel-patches/bpf"

// Build turns a parsed page into a Dataset holding the PR, its timeline and
// the commits its timeline points at.
//
// SHAs are derived, since the page shows none: the hex SHA-1 of
// "reference N\n" + message for the N-th reference (1-based, page order), and
// of "commit 1\n" + message for the PR's own commit. The index keeps equal
// messages (the same patch applied to several branches) apart.
func Build(p *Page) (*fake.Dataset, error) {
	if p.State != "Closed" {
		return nil, fmt.Errorf("page state %q: Build knows closed, unmerged PRs only", p.State)
	}
	closed := closedAt
	ds := &fake.Dataset{}
	repo := ds.EnsureRepo(Repo)
	pull := &fake.FakePull{
		Number:    p.Number,
		Title:     p.Title,
		State:     "closed",
		User:      p.Author,
		Head:      p.Head,
		Base:      p.Base,
		Body:      p.Body,
		Labels:    p.Labels,
		CreatedAt: createdAt,
		UpdatedAt: closed,
		ClosedAt:  &closed,
		Commits:   p.CommitCount,
	}
	repo.Pulls = append(repo.Pulls, pull)

	for i := range p.CommitCount {
		sha := DeriveSHA(fmt.Sprintf("commit %d", i+1), ownCommitMessage)
		when := createdAt.Add(-ownCommitBefore)
		name, email := signer(ownCommitMessage, p.Author)
		repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: ownCommitMessage, AuthorName: name, AuthorEmail: email, Date: when})
		pull.Timeline = append(pull.Timeline, fake.FakeEvent{Event: model.KindCommitted, Actor: name, SHA: sha, Message: ownCommitMessage, CreatedAt: when})
	}
	for k, c := range p.Comments {
		pull.Timeline = append(pull.Timeline, fake.FakeEvent{
			Event: model.KindCommented, Actor: c.Author, Body: c.Body,
			CreatedAt: createdAt.Add(time.Duration(k+1) * commentSpacing),
		})
	}
	times := ReferenceTimes(p.References)
	for k, r := range p.References {
		if times[k].After(closedAt) {
			return nil, fmt.Errorf("reference %d (%s) is after the assumed close %s", k+1, times[k], closedAt)
		}
		sha := DeriveSHA(fmt.Sprintf("reference %d", k+1), r.Message)
		name, email := signer(r.Message, r.Actor)
		repo.AddCommit(&fake.FakeCommit{SHA: sha, Message: r.Message, AuthorName: name, AuthorEmail: email, Date: times[k]})
		pull.Timeline = append(pull.Timeline, fake.FakeEvent{
			Event: model.KindReferenced, Actor: r.Actor, SHA: sha, CommitRepo: Repo, CreatedAt: times[k],
		})
	}
	pull.Timeline = append(pull.Timeline, fake.FakeEvent{Event: model.KindClosed, Actor: p.Author, CreatedAt: closedAt})
	return ds, nil
}

// ReferenceTimes gives each reference its time: firstReferenceOfDay on its
// date, plus referenceSpacing for each earlier reference on the same date.
func ReferenceTimes(refs []Reference) []time.Time {
	out := make([]time.Time, len(refs))
	sameDay := 0
	for k, r := range refs {
		if k > 0 && r.Date.Equal(refs[k-1].Date) {
			sameDay++
		} else {
			sameDay = 0
		}
		out[k] = r.Date.Add(firstReferenceOfDay + time.Duration(sameDay)*referenceSpacing)
	}
	return out
}

// DeriveSHA is the hex SHA-1 of label + "\n" + message.
func DeriveSHA(label, message string) string {
	sum := sha1.Sum([]byte(label + "\n" + message))
	return hex.EncodeToString(sum[:])
}

var signedOffRE = regexp.MustCompile(`^\s*Signed-off-by:\s*(.+?)\s*<([^>]+)>\s*$`)

// signer is the last Signed-off-by of message, the one who applied the
// patch; without one, the pusher with a no-reply address.
func signer(message, fallback string) (name, email string) {
	lines := strings.Split(message, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if m := signedOffRE.FindStringSubmatch(lines[i]); m != nil {
			return m[1], m[2]
		}
	}
	return fallback, strings.TrimSuffix(fallback, "[bot]") + "@users.noreply.github.com"
}

// Generate parses a page capture and returns the demo JSON file's bytes:
// the Dataset indented, with <, > and & left readable, ending in a newline.
func Generate(pageText string) ([]byte, error) {
	page, err := Parse(pageText)
	if err != nil {
		return nil, err
	}
	ds, err := Build(page)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ds); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
