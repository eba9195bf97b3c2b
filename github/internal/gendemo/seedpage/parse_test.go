package seedpage

import (
	"strings"
	"testing"
	"time"
)

const tinyPage = `Skip to content

Fix things#42

Closed
someone wants to merge 2 commits intomainfrom
topic

Conversation

@someone
Copy link

First line of the description.

Second paragraph.

@reviewer
Copy link

A comment by someone else.

some-app bot pushed a commit that referenced this pull request Jan 2, 2024
subject

	tabbed body line  
someone pushed a commit that referenced this pull request Jan 2, 2024
second
Sign up for free to join this conversation on GitHub. Already have an account? Sign in to comment

Labels

bug
Projects`

func TestParseTinyPage(t *testing.T) {
	p, err := Parse(tinyPage)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Fix things" || p.Number != 42 || p.State != "Closed" || p.Author != "someone" ||
		p.Base != "main" || p.Head != "topic" || p.CommitCount != 2 {
		t.Errorf("header: %+v", p)
	}
	if p.Body != "First line of the description.\n\nSecond paragraph." {
		t.Errorf("body %q", p.Body)
	}
	if len(p.Comments) != 1 || p.Comments[0].Author != "reviewer" || p.Comments[0].ByAuthor || p.Comments[0].Body != "A comment by someone else." {
		t.Errorf("comments %+v", p.Comments)
	}
	if len(p.References) != 2 {
		t.Fatalf("references %+v", p.References)
	}
	r := p.References[0]
	if r.Actor != "some-app[bot]" || r.Message != "subject\n\n\ttabbed body line  " || !r.Date.Equal(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first reference %+v", r)
	}
	if p.References[1].Message != "second" {
		t.Errorf("second reference %+v", p.References[1])
	}
	if len(p.Labels) != 1 || p.Labels[0] != "bug" {
		t.Errorf("labels %q", p.Labels)
	}
}

func TestParseRejectsIncompletePages(t *testing.T) {
	for name, text := range map[string]string{
		"no title":        "Skip to content\n",
		"no merge line":   "Title#1\nClosed\n",
		"no conversation": strings.Replace(tinyPage, "Conversation", "Talk", 1),
		"no end":          strings.Replace(tinyPage, "Sign up for free", "Log in", 1),
		"no description":  strings.ReplaceAll(tinyPage, "Copy link", "Copy"),
	} {
		if _, err := Parse(text); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestReferenceTimesAreStrictlyIncreasing(t *testing.T) {
	d1 := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	d2 := d1.AddDate(0, 0, 1)
	got := ReferenceTimes([]Reference{{Date: d1}, {Date: d1}, {Date: d2}, {Date: d2}, {Date: d2}})
	want := []time.Time{d1.Add(10 * time.Hour), d1.Add(10*time.Hour + 45*time.Minute), d2.Add(10 * time.Hour),
		d2.Add(10*time.Hour + 45*time.Minute), d2.Add(10*time.Hour + 90*time.Minute)}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("reference %d at %s, want %s", i, got[i], want[i])
		}
	}
}

func TestSigner(t *testing.T) {
	name, email := signer("x\n\nSigned-off-by: A B <a@b>\nReviewed-by: C <c@d>\nSigned-off-by: E F <e@f>", "bot")
	if name != "E F" || email != "e@f" {
		t.Errorf("got %s <%s>, want the last Signed-off-by", name, email)
	}
	name, email = signer("no trailer", "some[bot]")
	if name != "some[bot]" || email != "some@users.noreply.github.com" {
		t.Errorf("fallback %s <%s>", name, email)
	}
}

func TestBuildRejectsOpenPages(t *testing.T) {
	p, err := Parse(strings.Replace(tinyPage, "Closed", "Open", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(p); err == nil {
		t.Error("Build accepted an open PR")
	}
}
