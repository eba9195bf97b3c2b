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
