package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Pager is the one rule every listing is paged by, in github/ and in the
// UI alike: it follows what the pages say, not only a count. Paging stops
// after a page when
//   - its next page is not after it (a loop);
//   - it is empty and still names a next page;
//   - every item on it was on an earlier page already (the same page served
//     again under a new number);
//   - it is page MaxPages (the cap, for a server that never ends).
//
// Pages may be added in any order (the UI loads the last page early). Items
// are told apart by a key (a PR number, an event id, a check run id); a
// page shorter than asked is normal and never stops paging by itself.
type Pager struct {
	MaxPages int
	seen     map[string]struct{}
}

// NewPager returns a Pager capped at maxPages pages.
func NewPager(maxPages int) *Pager {
	return &Pager{MaxPages: maxPages, seen: map[string]struct{}{}}
}

// PageStop is why paging stopped: Message says what the pages did, Hint
// what prscope did about it, Short both in a few words (for a narrow
// pane). The zero PageStop means go on.
type PageStop struct {
	Message, Hint, Short string
	// Repeated says the page held only items seen before: it adds
	// nothing, and is left out.
	Repeated bool
}

// Stopped reports whether s stops paging.
func (s PageStop) Stopped() bool { return s.Message != "" }

// String is s for a line on screen or in JSON ("truncated").
func (s PageStop) String() string {
	if s.Hint == "" {
		return s.Message
	}
	return s.Message + "; " + s.Hint
}

// Add records page and the keys of its items, with next the page its Link
// header names (0 at the end), and says whether paging must stop after it.
func (p *Pager) Add(page int, keys []string, next int) PageStop {
	if p.seen == nil {
		p.seen = map[string]struct{}{}
	}
	repeated := len(keys) > 0
	for _, k := range keys {
		if _, ok := p.seen[k]; !ok {
			repeated = false
			break
		}
	}
	for _, k := range keys {
		p.seen[k] = struct{}{}
	}
	switch {
	case next == 0:
		return PageStop{}
	case next <= page:
		return PageStop{Message: fmt.Sprintf("pagination loop: after page %d the API names page %d as next", page, next),
			Hint: "the next page is not after the current one; stopped", Short: fmt.Sprintf("loop (page %d names %d next)", page, next)}
	case repeated:
		return PageStop{Message: fmt.Sprintf("pagination loop: page %d repeats items of earlier pages", page),
			Hint: "the same page again under a new number; stopped", Short: fmt.Sprintf("page %d repeats earlier items", page), Repeated: true}
	case len(keys) == 0:
		return PageStop{Message: fmt.Sprintf("pagination loop: page %d is empty but names page %d as next", page, next),
			Hint: "an empty page is the end; stopped", Short: fmt.Sprintf("page %d is empty", page)}
	case p.MaxPages > 0 && page >= p.MaxPages:
		return PageStop{Message: fmt.Sprintf("pagination did not end within %d pages", p.MaxPages),
			Hint: "the API keeps naming a next page; stopped", Short: fmt.Sprintf("no end after %d pages", p.MaxPages)}
	}
	return PageStop{}
}

// KeysOf is the keys of items, for Pager.Add.
func KeysOf[T any](items []T, key func(T) string) []string {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = key(it)
	}
	return keys
}

// positionalID marks an Event.ID made from where the event was served
// (PositionalEventID), not from anything GitHub said about it.
const positionalID = ":pos:"

// PositionalEventID is the identity of an event GitHub gives no id, node id
// or SHA: its kind, page and index. It is unique on screen, but the same
// event served under another page number gets another one, so EventKey
// does not trust it.
func PositionalEventID(kind string, page, index int) string {
	return fmt.Sprintf("%s%sp%d:%d", kind, positionalID, page, index)
}

// EventKey is e's identity for Pager: its id when GitHub gave one, else a
// hash of the event as converted (without its positional id), so the same
// event served again on another page is recognised.
func EventKey(e Event) string {
	if !strings.Contains(e.ID, positionalID) {
		return e.ID
	}
	e.ID = ""
	// Event's JSON form holds every field it shows but the git author.
	b, err := json.Marshal(struct {
		E      Event
		Author string
	}{e, e.Author})
	if err != nil {
		return e.ID // unreachable: an Event always encodes
	}
	sum := sha256.Sum256(b)
	return "hash:" + hex.EncodeToString(sum[:12])
}

// PullKey is a PR's identity for Pager: its number.
func PullKey(pr PullRequest) string { return fmt.Sprint(pr.Number) }

// CheckRunKey is a check run's identity for Pager: its id.
func CheckRunKey(r CheckRun) string { return idOrHash(r.ID, r) }

// StatusKey is a commit status's identity for Pager: GitHub's combined
// status holds the newest of each context, so its context and time.
func StatusKey(s CommitStatus) string { return s.Context + "@" + s.CreatedAt.String() }

// ReviewKey is a review's identity for Pager: its id.
func ReviewKey(r Review) string { return idOrHash(r.ID, r) }

// ReviewCommentKey is a review comment's identity for Pager: its id.
func ReviewCommentKey(c ReviewComment) string { return idOrHash(c.ID, c) }

// idOrHash is id as a key, or when a server gave none (0), a hash of v.
func idOrHash(id int64, v any) string {
	if id != 0 {
		return fmt.Sprint(id)
	}
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return "hash:" + hex.EncodeToString(sum[:12])
}
