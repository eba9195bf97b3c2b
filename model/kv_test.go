package model

import (
	"slices"
	"testing"
)

func TestParseKV(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []KV
		ok   bool
	}{
		{"test PR", "branch: bpf-next_test\nbase:bpf-next\nversion: edc21dc",
			[]KV{{"branch", "bpf-next_test"}, {"base", "bpf-next"}, {"version", "edc21dc"}}, true},
		{"KPD", "Upstream branch: 4e4a0c9\nseries: https://patchwork.kernel.org/project/netdevbpf/list/?series=773838\nversion: 2",
			[]KV{{"Upstream branch", "4e4a0c9"}, {"series", "https://patchwork.kernel.org/project/netdevbpf/list/?series=773838"}, {"version", "2"}}, true},
		{"blank lines, CRLF and padding", "\r\n  a : 1 \r\n\r\nb_c-d:\r\n", []KV{{"a", "1"}, {"b_c-d", ""}}, true},
		{"value with colons", "time: 10:45:00", []KV{{"time", "10:45:00"}}, true},
		{"unicode key", "größe: 3", []KV{{"größe", "3"}}, true},
		{"empty", "", nil, false},
		{"blank", " \n\t\n", nil, false},
		{"prose line", "branch: x\nThanks, applied.", nil, false},
		{"prose with a colon", "Thanks for the review: applied", nil, false},
		{"markdown", "**Note:** x", nil, false},
		{"bare URL", "https://github.com/o/r", nil, false},
		{"empty key", ": value", nil, false},
		{"long key", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1", nil, false},
		{"closing comment", "At least one diff in series https://x irrelevant now. Closing PR.", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseKV(tt.body)
			if ok != tt.ok || !slices.Equal(got, tt.want) {
				t.Errorf("ParseKV(%q) = %q, %v; want %q, %v", tt.body, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestDiffKV(t *testing.T) {
	kvs := func(body string) []KV {
		t.Helper()
		kv, ok := ParseKV(body)
		if !ok {
			t.Fatalf("not KV: %q", body)
		}
		return kv
	}
	tests := []struct {
		name       string
		prev, next string
		want       []KVChange
	}{
		{"identical", "branch: b\nbase:bpf-next\nversion: edc21dc", "branch: b\nbase: bpf-next\nversion: edc21dc", nil},
		{"version bump", "branch: b\nversion: edc21dc", "branch: b\nversion: 3f2a9b1",
			[]KVChange{{"version", "edc21dc", "3f2a9b1"}}},
		{"KPD new revision", "Upstream branch: 4e4a0c9\nseries: https://p/?series=1\nversion: 1",
			"Upstream branch: 9a1b2c3\nseries: https://p/?series=1\nversion: 2",
			[]KVChange{{"Upstream branch", "4e4a0c9", "9a1b2c3"}, {"version", "1", "2"}}},
		{"added and removed", "a: 1\nb: 2", "b: 2\nc: 3",
			[]KVChange{{"c", "", "3"}, {"a", "1", ""}}},
		{"emptied value", "a: 1", "a:", []KVChange{{"a", "1", ""}}},
		{"repeated keys count once, first value", "a: 1\na: 9", "a: 1\na: 2", nil},
		{"order of next", "x: 1\ny: 1", "y: 2\nx: 2", []KVChange{{"y", "1", "2"}, {"x", "1", "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DiffKV(kvs(tt.prev), kvs(tt.next)); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := DiffKV(nil, nil); got != nil {
		t.Errorf("nil, nil: %q", got)
	}
	if got := DiffKV(nil, []KV{{"a", "1"}}); !slices.Equal(got, []KVChange{{"a", "", "1"}}) {
		t.Errorf("from nothing: %q", got)
	}
}

// The seed's body and its four comments are the same branch/base/version
// block: each reads as KV, and as a history nothing changes.
func TestSeedKV(t *testing.T) {
	pr := loadSeedPR(t)
	bodies := []string{pr.Body}
	for _, e := range pr.Timeline {
		if e.Event == "commented" {
			bodies = append(bodies, e.Body)
		}
	}
	if len(bodies) != 5 {
		t.Fatalf("body and %d comments, want 4", len(bodies)-1)
	}
	bodies = append(bodies, seedPageBlocks(t)...) // and as the page shows them
	want := []KV{{"branch", "bpf-next_test"}, {"base", "bpf-next"}, {"version", "edc21dc"}}
	var prev []KV
	for i, body := range bodies {
		kvs, ok := ParseKV(body)
		if !ok || !slices.Equal(kvs, want) {
			t.Errorf("block %d: %q, %v", i, kvs, ok)
		}
		if i > 0 {
			if changes := DiffKV(prev, kvs); len(changes) != 0 {
				t.Errorf("block %d changes %q", i, changes)
			}
		}
		prev = kvs
	}
	// No commit message of the seed is mistaken for a KV block.
	for k, message := range seedPageMessages(t) {
		if kvs, ok := ParseKV(message); ok {
			t.Errorf("message %d parsed as KV: %q", k+1, kvs)
		}
	}
}
