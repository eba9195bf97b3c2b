package model

import (
	"errors"
	"testing"
)

func TestListFilterQualifiers(t *testing.T) {
	for _, tt := range []struct {
		f     ListFilter
		state string
		want  string
	}{
		{ListFilter{}, "all", ""},
		{ListFilter{}, "open", "is:open"},
		{ListFilter{Author: "alice"}, "all", "author:alice"},
		{ListFilter{Author: "alice", Base: "bpf-next", Head: "series/1", Label: "bpf"}, "closed",
			"is:closed author:alice base:bpf-next head:series/1 label:bpf"},
		{ListFilter{Label: "good first issue"}, "all", `label:"good first issue"`},
	} {
		if got := tt.f.Qualifiers(tt.state); got != tt.want {
			t.Errorf("%+v %s: %q, want %q", tt.f, tt.state, got, tt.want)
		}
	}
	if !(ListFilter{}).IsZero() || (ListFilter{Head: "x"}).IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestListFilterValidate(t *testing.T) {
	for _, bad := range []ListFilter{{Author: "a b"}, {Base: `x"`}, {Head: "a\nb"}, {Label: `say "hi"`}} {
		var usage *UsageError
		if err := bad.Validate(); !errors.As(err, &usage) {
			t.Errorf("%+v: %v, want a usage error", bad, err)
		}
	}
	if err := (ListFilter{Author: "app/dependabot", Label: "needs review", Head: "user:branch"}).Validate(); err != nil {
		t.Errorf("a good filter: %v", err)
	}
}

func TestSplitListFilter(t *testing.T) {
	for _, tt := range []struct {
		query, state, rest string
		f                  ListFilter
	}{
		{"", "all", "", ListFilter{}},
		{"is:open author:alice verifier", "open", "verifier", ListFilter{Author: "alice"}},
		{`label:"good first issue" base:main head:x -label:wip fix "exact words"`, "all", `-label:wip fix "exact words"`,
			ListFilter{Label: "good first issue", Base: "main", Head: "x"}},
		{"is:merged state:closed sort:created-asc", "closed", "is:merged sort:created-asc", ListFilter{}},
	} {
		f, state, rest := SplitListFilter(tt.query)
		if f != tt.f || state != tt.state || rest != tt.rest {
			t.Errorf("SplitListFilter(%q) = %+v, %q, %q; want %+v, %q, %q", tt.query, f, state, rest, tt.f, tt.state, tt.rest)
		}
		// What Qualifiers writes, SplitListFilter reads back.
		back, bstate, _ := SplitListFilter(WithListFilter(tt.query, tt.f, tt.state))
		if back != tt.f || bstate != tt.state {
			t.Errorf("round trip of %q: %+v %q", tt.query, back, bstate)
		}
	}
	if got := WithListFilter("is:open author:alice verifier", ListFilter{Label: "bpf"}, "closed"); got != "is:closed label:bpf verifier" {
		t.Errorf("WithListFilter = %q", got)
	}
}
