package model

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// The types here are the JSON printed by `prscope dump`. Scripts depend on
// it, so field names and order are a contract: change them only on purpose.
// Every string is sanitized before encoding, so the output can be shown on a
// terminal as safely as prscope's own screens.

// DumpPull is a pull request as dumped. Labels are names only; ClosedAt and
// MergedAt are null when unset.
type DumpPull struct {
	Number    int        `json:"number"`
	Title     string     `json:"title"`
	State     string     `json:"state"` // StateOpen, StateClosed or StateMerged
	Draft     bool       `json:"draft"`
	User      string     `json:"user"`
	Head      string     `json:"head"`
	Base      string     `json:"base"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	ClosedAt  *time.Time `json:"closed_at"`
	MergedAt  *time.Time `json:"merged_at"`
	Labels    []string   `json:"labels"` // never null in JSON
	Body      string     `json:"body"`
	HTMLURL   string     `json:"html_url"`
}

// NewDumpPull converts p to its dumped form, sanitized and in UTC.
func NewDumpPull(p PullRequest) DumpPull {
	labels := make([]string, 0, len(p.Labels))
	for _, l := range p.Labels {
		labels = append(labels, l.Name)
	}
	return DumpPull{
		Number:    p.Number,
		Title:     p.Title,
		State:     p.State,
		Draft:     p.Draft,
		User:      p.User,
		Head:      p.Head,
		Base:      p.Base,
		CreatedAt: p.CreatedAt,
		UpdatedAt: p.UpdatedAt,
		ClosedAt:  p.ClosedAt,
		MergedAt:  p.MergedAt,
		Labels:    labels,
		Body:      p.Body,
		HTMLURL:   p.HTMLURL,
	}.sanitized()
}

// sanitized returns a copy of p that is safe to print, whoever built p.
func (p DumpPull) sanitized() DumpPull {
	p.Title = SanitizeLine(p.Title)
	p.State = SanitizeLine(p.State)
	p.User = SanitizeLine(p.User)
	p.Head = SanitizeLine(p.Head)
	p.Base = SanitizeLine(p.Base)
	p.CreatedAt = p.CreatedAt.UTC()
	p.UpdatedAt = p.UpdatedAt.UTC()
	p.ClosedAt = utcPtr(p.ClosedAt)
	p.MergedAt = utcPtr(p.MergedAt)
	labels := make([]string, len(p.Labels))
	for i, name := range p.Labels {
		labels[i] = SanitizeLine(name)
	}
	p.Labels = labels
	p.Body = Sanitize(p.Body)
	p.HTMLURL = SanitizeLine(p.HTMLURL)
	return p
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	utc := t.UTC()
	return &utc
}

// MarshalJSON encodes p sanitized, with labels [] rather than null.
func (p DumpPull) MarshalJSON() ([]byte, error) {
	type plain DumpPull // without this method, so no recursion
	return MarshalUnescaped(plain(p.sanitized()))
}

// Dump is the output of `prscope dump OWNER/REPO#N`:
//
//	{"repo": "owner/name", "pull": {…}, "timeline": [{…}, …]}
//
// with each event as DumpEvent encodes it and timeline [] rather than null.
//
// Refs and Groups annotate referenced events, keyed by index into Timeline,
// as AnnotateTimeline computes them: each such event gains
// "reference": {"kind", "line"} and "patch_group". Nil maps, or keys of
// other events, leave the output as it was without them.
//
// ReviewComments, by review id, adds to each reviewed event whose ReviewID
// it holds "review_comments": [{path, line, body, user, created_at,
// in_reply_to}, …] (line null when outdated, in_reply_to null for the
// first comment of a thread).
type Dump struct {
	Repo           string
	Pull           *DumpPull // null when nil
	Timeline       []Event
	Refs           map[int]Reference
	Groups         map[int]string
	ReviewComments map[int64][]ReviewComment
	Checks         *DumpChecks  // "checks" after the timeline when set (dump_checks.go)
	History        *DumpHistory // "history" after "checks" when set (dump_history.go)

	// TimelineTruncated, when set, follows "timeline" as "truncated": why
	// paging it stopped early (a loop, a repeated or empty page, the cap).
	TimelineTruncated string
	// ReviewCommentsErr and ReviewCommentsTruncated, when set, add
	// "review_comments": {"error": …} (they could not be fetched) or
	// {"truncated": …} (paging them stopped early) after "checks".
	ReviewCommentsErr, ReviewCommentsTruncated string
}

// MarshalJSON encodes d in the documented key order.
func (d Dump) MarshalJSON() ([]byte, error) {
	var obj orderedObject
	obj.string("repo", SanitizeLine(d.Repo))
	if d.Pull == nil {
		obj.null("pull")
	} else {
		pull, err := d.Pull.MarshalJSON()
		if err != nil {
			return nil, err
		}
		obj.raw("pull", pull)
	}
	events := make([][]byte, len(d.Timeline))
	for i, e := range d.Timeline {
		var note eventNote
		if ref, ok := d.Refs[i]; ok {
			note.ref = &ref
		}
		note.group = d.Groups[i]
		if e.Event.Class() == ClassReview && e.ReviewID != 0 {
			note.reviewComments = d.ReviewComments[e.ReviewID]
		}
		events[i] = encodeEvent(e, note)
	}
	obj.array("timeline", events)
	if d.TimelineTruncated != "" {
		obj.string("truncated", SanitizeLine(d.TimelineTruncated))
	}
	if d.Checks != nil {
		obj.raw("checks", d.Checks.encode())
	}
	if d.History != nil {
		obj.raw("history", d.History.encode())
	}
	if d.ReviewCommentsErr != "" || d.ReviewCommentsTruncated != "" {
		var rc orderedObject
		if d.ReviewCommentsErr != "" {
			rc.string("error", SanitizeLine(d.ReviewCommentsErr))
		} else {
			rc.string("truncated", SanitizeLine(d.ReviewCommentsTruncated))
		}
		obj.raw("review_comments", rc.bytes())
	}
	return obj.bytes(), nil
}

// DumpList is the output of `prscope dump OWNER/REPO`:
//
//	{"repo": "owner/name", "pulls": [{…}, …]}
//
// with pulls [] rather than null, and "truncated": why after "pulls" when
// paging stopped early (a loop, a repeated or empty page, the cap).
type DumpList struct {
	Repo      string
	Pulls     []DumpPull
	Truncated string
}

// MarshalJSON encodes l in the documented key order.
func (l DumpList) MarshalJSON() ([]byte, error) {
	var obj orderedObject
	obj.string("repo", SanitizeLine(l.Repo))
	pulls := make([][]byte, len(l.Pulls))
	for i, p := range l.Pulls {
		var err error
		if pulls[i], err = p.MarshalJSON(); err != nil {
			return nil, err
		}
	}
	obj.array("pulls", pulls)
	if l.Truncated != "" {
		obj.string("truncated", SanitizeLine(l.Truncated))
	}
	return obj.bytes(), nil
}

// DumpEvent encodes one timeline event. Keys come in a fixed order:
//
//	event, actor (null for a ghost), created_at (RFC 3339 in UTC, null when
//	unknown), body (commented and reviewed events only, even when empty),
//	commit {sha, repo, message} (referenced and committed events, null when
//	missing; other events when set, such as a merge's commit), then when set:
//	reference {kind, line} and patch_group (referenced events, in a Dump
//	with Refs and Groups), author, label {name, color}, rename {from, to},
//	state, requested_reviewer, assignee, lock_reason, milestone,
//	requested_team, state_reason, dismissed_state,
//	project_card {column, previous_column},
//	source {repo, number, title, is_pull, state (when known)}, html_url,
//	review_comments (reviewed events, in a Dump with ReviewComments).
//
// The error is always nil; it is there to match json.Marshaler.
func DumpEvent(e Event) ([]byte, error) {
	return encodeEvent(e, eventNote{}), nil
}

// eventNote is what a Dump knows about an event beyond the event itself.
type eventNote struct {
	ref            *Reference // why a referenced commit mentions the PR
	group          string     // the PatchGroup ID of a referenced commit
	reviewComments []ReviewComment
}

func encodeEvent(e Event, note eventNote) []byte {
	var obj orderedObject
	obj.string("event", string(e.Event.Sanitized()))
	obj.stringOrNull("actor", SanitizeLine(e.Actor))
	if t := EventTime(e); t.IsZero() {
		obj.null("created_at")
	} else {
		obj.string("created_at", t.UTC().Format(time.RFC3339Nano))
	}

	if e.Event.HasBody() {
		obj.string("body", Sanitize(e.Body))
	}

	// Referenced and committed events carry the commit with its full
	// message; other events that point at a commit (closed, merged, …)
	// carry its SHA as GitHub does, as commit_id.
	hasCommitKind := e.Event.HasCommit()
	switch {
	case hasCommitKind && e.Commit != nil:
		var commit orderedObject
		commit.string("sha", SanitizeLine(e.Commit.SHA))
		commit.string("repo", SanitizeLine(e.Commit.Repo))
		if e.Commit.Err != "" {
			commit.null("message")
			commit.string("error", SanitizeLine(e.Commit.Err))
		} else {
			commit.string("message", Sanitize(e.Commit.Message))
		}
		obj.raw("commit", commit.bytes())
	case hasCommitKind:
		obj.null("commit")
	case e.Commit != nil:
		obj.string("commit_id", SanitizeLine(e.Commit.SHA))
	}
	if e.Event.References() {
		if note.ref != nil {
			var ref orderedObject
			ref.string("kind", SanitizeLine(string(note.ref.Kind)))
			ref.string("line", SanitizeLine(note.ref.Line))
			obj.raw("reference", ref.bytes())
		}
		obj.stringIfSet("patch_group", SanitizeLine(note.group))
	}
	obj.stringIfSet("author", SanitizeLine(e.Author))

	if e.Label != nil {
		var label orderedObject
		label.string("name", SanitizeLine(e.Label.Name))
		label.string("color", SanitizeLine(e.Label.Color))
		obj.raw("label", label.bytes())
	}
	if e.Rename != nil {
		var rename orderedObject
		rename.string("from", SanitizeLine(e.Rename.From))
		rename.string("to", SanitizeLine(e.Rename.To))
		obj.raw("rename", rename.bytes())
	}
	obj.stringIfSet("state", SanitizeLine(e.ReviewState))
	obj.stringIfSet("requested_reviewer", SanitizeLine(e.RequestedReviewer))
	obj.stringIfSet("assignee", SanitizeLine(e.Assignee))
	obj.stringIfSet("lock_reason", SanitizeLine(e.LockReason))
	obj.stringIfSet("milestone", SanitizeLine(e.Milestone))
	obj.stringIfSet("requested_team", SanitizeLine(e.RequestedTeam))
	obj.stringIfSet("state_reason", SanitizeLine(e.StateReason))
	obj.stringIfSet("dismissed_state", SanitizeLine(e.Dismissed))
	if e.Project != nil {
		var card orderedObject
		card.string("column", SanitizeLine(e.Project.Column))
		card.stringIfSet("previous_column", SanitizeLine(e.Project.PreviousColumn))
		obj.raw("project_card", card.bytes())
	}
	if e.Source != nil {
		var source orderedObject
		source.string("repo", SanitizeLine(e.Source.Repo))
		source.int("number", e.Source.Number)
		source.string("title", SanitizeLine(e.Source.Title))
		source.bool("is_pull", e.Source.IsPull)
		source.stringIfSet("state", SanitizeLine(e.Source.State))
		obj.raw("source", source.bytes())
	}
	obj.stringIfSet("html_url", SanitizeLine(e.HTMLURL))
	if len(note.reviewComments) > 0 {
		obj.array("review_comments", encodeEach(note.reviewComments, encodeReviewComment))
	}
	return obj.bytes()
}

func encodeReviewComment(c ReviewComment) []byte {
	var obj orderedObject
	obj.string("path", SanitizeLine(c.Path))
	if c.Outdated || c.Line == 0 {
		obj.null("line")
	} else {
		obj.int("line", c.Line)
	}
	obj.string("body", Sanitize(c.Body))
	obj.stringOrNull("user", SanitizeLine(c.User))
	if c.CreatedAt.IsZero() {
		obj.null("created_at")
	} else {
		obj.string("created_at", c.CreatedAt.UTC().Format(time.RFC3339Nano))
	}
	if c.InReplyTo == 0 {
		obj.null("in_reply_to")
	} else {
		obj.int64("in_reply_to", c.InReplyTo)
	}
	return obj.bytes()
}

// ReviewCommentsByReview files comments under the review each was sent
// with, in the order given, for Dump.ReviewComments.
func ReviewCommentsByReview(comments []ReviewComment) map[int64][]ReviewComment {
	out := map[int64][]ReviewComment{}
	for _, c := range comments {
		out[c.ReviewID] = append(out[c.ReviewID], c)
	}
	return out
}

// orderedObject writes a JSON object with keys in the order they are added,
// which encoding/json cannot do for optional keys without a struct per
// combination.
type orderedObject struct {
	buf    bytes.Buffer
	fields int
}

func (o *orderedObject) key(k string) {
	if o.fields == 0 {
		o.buf.WriteByte('{')
	} else {
		o.buf.WriteByte(',')
	}
	o.fields++
	writeJSONString(&o.buf, k)
	o.buf.WriteByte(':')
}

func (o *orderedObject) string(k, v string) {
	o.key(k)
	writeJSONString(&o.buf, v)
}

func (o *orderedObject) stringIfSet(k, v string) {
	if v != "" {
		o.string(k, v)
	}
}

func (o *orderedObject) stringOrNull(k, v string) {
	if v == "" {
		o.null(k)
	} else {
		o.string(k, v)
	}
}

func (o *orderedObject) null(k string) {
	o.key(k)
	o.buf.WriteString("null")
}

func (o *orderedObject) int(k string, n int) {
	o.key(k)
	o.buf.WriteString(strconv.Itoa(n))
}

func (o *orderedObject) int64(k string, n int64) {
	o.key(k)
	o.buf.WriteString(strconv.FormatInt(n, 10))
}

func (o *orderedObject) bool(k string, b bool) {
	o.key(k)
	o.buf.WriteString(strconv.FormatBool(b))
}

// raw adds an already encoded JSON value.
func (o *orderedObject) raw(k string, v []byte) {
	o.key(k)
	o.buf.Write(v)
}

// encodeEach encodes every value of xs, for array.
func encodeEach[T any](xs []T, encode func(T) []byte) [][]byte {
	out := make([][]byte, len(xs))
	for i, x := range xs {
		out[i] = encode(x)
	}
	return out
}

// array adds a JSON array of already encoded values; none is [] not null.
func (o *orderedObject) array(k string, values [][]byte) {
	o.key(k)
	o.buf.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			o.buf.WriteByte(',')
		}
		o.buf.Write(v)
	}
	o.buf.WriteByte(']')
}

func (o *orderedObject) bytes() []byte {
	if o.fields == 0 {
		return []byte("{}")
	}
	o.buf.WriteByte('}')
	return o.buf.Bytes()
}

// writeJSONString appends s as a JSON string. HTML is not escaped: this is
// for terminals and scripts, and "<" reads better than "\u003c". (An outer
// json.Encoder still applies its own SetEscapeHTML choice.)
func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // Encode's trailing newline
}

// MarshalUnescaped is json.Marshal without HTML escaping (GitHub sends <, >
// and & as they are, and so does dump), compact, with no trailing newline.
func MarshalUnescaped(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
