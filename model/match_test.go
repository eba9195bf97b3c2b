package model

import (
	"reflect"
	"testing"
)

func TestMatchKeys(t *testing.T) {
	prs := []PullRequest{
		{Number: 11, Title: "[test] bpf-next_test", User: "kernel-patches-bot"},
		{Number: 12, Title: "bpf: kfunc fixes", User: "alice", Labels: []Label{{Name: "Verifier"}}},
		{Number: 110, Title: "selftests: kfunc", User: "bob"},
	}
	keys := make([]string, len(prs))
	for i, p := range prs {
		keys[i] = PullSearchKey(p, "")
	}
	for _, tt := range []struct {
		q    string
		want []int
	}{
		{"kfunc", []int{1, 2}},
		{"KFUNC alice", []int{1}},
		{"#11", []int{0, 2}},
		{"verifier", []int{1}},
		{"@bob", []int{2}},
		{"nothing here", nil},
		{"", []int{0, 1, 2}},
	} {
		if got := MatchKeys(keys, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MatchKeys(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
