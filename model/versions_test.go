package model

import (
	"strings"
	"testing"
	"time"
)

var vt0 = time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)

func vat(h int) time.Time { return vt0.Add(time.Duration(h) * time.Hour) }

func kpdComment(id string, h int, upstream, series, version string, extra string) Event {
	return Event{ID: id, Event: KindCommented, Actor: "kernel-patches-daemon-bpf[bot]", CreatedAt: vat(h),
		Body: "Upstream branch: " + upstream + "\nseries: " + series + "\nversion: " + version + "\n" + extra}
}

func pushed(h int) Event {
	return Event{Event: KindHeadRefForcePushed, Actor: "kernel-patches-daemon-bpf[bot]", CreatedAt: vat(h)}
}

// TestSeriesVersions is a series PR as KPD makes one: created at v1, v1
// rebased on a newer upstream, v2, a v3 that did not apply, then closed.
func TestSeriesVersions(t *testing.T) {
	const (
		up1 = "1b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
		up2 = "9f0e1d2c3b4a59687766554433221100ffeeddcc"
		s1  = "https://patchwork.kernel.org/project/netdevbpf/list/?series=850001"
		s2  = "https://patchwork.kernel.org/project/netdevbpf/list/?series=850777"
		s3  = "https://patchwork.kernel.org/project/netdevbpf/list/?series=851234"
	)
	pr := PullRequest{Number: 7, User: "kernel-patches-daemon-bpf[bot]", CreatedAt: vat(0),
		Body:   "Pull request for series with\nsubject: bpf: fix a verifier bug\nversion: 1\nurl: " + s1 + "\n",
		Labels: []Label{{Name: "bpf-next"}, {Name: "V1-ci-fail"}, {Name: "V2-ci-pass"}, {Name: "merge-conflict"}}}
	events := []Event{
		kpdComment("c1", 0, up1, s1, "1", ""),
		pushed(0),
		kpdComment("c2", 5, up1, s1, "1", ""),  // the same again: no new version
		kpdComment("c3", 24, up2, s1, "1", ""), // rebased: upstream moved
		pushed(24),
		kpdComment("c4", 48, up2, s2, "2", ""),
		pushed(48),
		kpdComment("c5", 72, up2, s3, "3", "\nPull request is *NOT* updated. Failed to apply "+s3+"\nerror message:\n```\npatch does not apply\n```\n\nconflict:\n```\n<<<<<<<\n```\n"),
		pushed(73), // not this version's: it did not apply
		{Event: KindCommented, Actor: "kernel-patches-daemon-bpf[bot]", CreatedAt: vat(90), Body: "At least one diff in series " + s3 + " irrelevant now. Closing PR."},
	}
	vs := Versions(pr, events)
	type row struct {
		label, upstream, change, verdict string
		applied                          bool
		announced                        int
		pushed                           bool
	}
	want := []row{
		{"v1", up1, "", "fail", true, 2, true}, // the body, then c1 (the upstream) and c2
		{"v1 rebased", up2, "upstream 1b2a3c4 → 9f0e1d2", "fail", true, 1, true},
		{"v2", up2, "version 1 → 2", "pass", true, 1, true},
		{"v3", up2, "version 2 → 3", "", false, 1, false},
	}
	if len(vs) != len(want) {
		t.Fatalf("%d versions, want %d: %+v", len(vs), len(want), vs)
	}
	for i, w := range want {
		v := vs[i]
		got := row{v.Label(), v.Upstream, v.Change, v.LabelVerdict, v.Applied, v.Announced, !v.PushedAt.IsZero()}
		if got != w {
			t.Errorf("version %d: %+v, want %+v", i, got, w)
		}
	}
	if vs[3].Series != s3 || vs[2].EventID != "c4" || vs[0].At != vat(0) || vs[0].EventID != "c1" {
		t.Errorf("series %q, event %q, at %v, first announced by %q", vs[3].Series, vs[2].EventID, vs[0].At, vs[0].EventID)
	}
}

// TestUpstreamVersions: an e2e test PR's body and comments name the
// upstream commit; repeats are one version; prose comments are none.
func TestUpstreamVersions(t *testing.T) {
	kv := func(sha string) string { return "branch: bpf-next_test\nbase: bpf-next\nversion: " + sha + "\n" }
	pr := PullRequest{Number: 201, User: "kernel-patches-bot", CreatedAt: vat(0), Body: kv("edc21dc")}
	events := []Event{
		{ID: "a", Event: KindCommented, CreatedAt: vat(1), Body: kv("edc21dc")},
		{Event: KindHeadRefForcePushed, CreatedAt: vat(2)},
		{ID: "b", Event: KindCommented, CreatedAt: vat(3), Body: kv("3f2a9b1")},
		{ID: "c", Event: KindCommented, CreatedAt: vat(4), Body: "looks good: thanks"},
		{ID: "d", Event: KindCommented, CreatedAt: vat(5), Body: kv("3f2a9b1")},
		{ID: "e", Event: KindCommented, CreatedAt: vat(6), Body: "build: ok\nversion: 7"},
	}
	vs := Versions(pr, events)
	if len(vs) != 3 {
		t.Fatalf("%d versions: %+v", len(vs), vs)
	}
	if v := vs[0]; v.Kind != VersionUpstream || v.ID != "edc21dc" || v.Announced != 1 || v.PushedAt != vat(2) {
		t.Errorf("first: %+v", v)
	}
	if v := vs[1]; v.ID != "3f2a9b1" || v.Announced != 2 || v.Change != "upstream edc21dc → 3f2a9b1" || v.Label() != "3f2a9b1" {
		t.Errorf("second: %+v", v)
	}
	if v := vs[2]; v.Kind != VersionOther || v.ID != "7" {
		t.Errorf("another bot's version: %+v", v)
	}
}

// TestSeedVersions: the seed (#11) is one upstream version, announced by
// its body and four comments.
func TestSeedVersions(t *testing.T) {
	pr := loadSeedPR(t)
	vs := Versions(PullRequest{Body: pr.Body}, pr.Timeline)
	if len(vs) != 1 || vs[0].ID != "edc21dc" || vs[0].Kind != VersionUpstream || vs[0].Announced != 4 {
		t.Errorf("seed versions: %+v", vs)
	}
}

func TestVersionTextIsSanitized(t *testing.T) {
	ev := Event{Event: KindCommented, Body: "Upstream branch: abc\x1b]0;pwned\x07\nseries: s\nversion: 2\x1b[31m"}
	vs := Versions(PullRequest{}, []Event{ev})
	if len(vs) != 1 || vs[0].ID != "2" || vs[0].Upstream != "abc" {
		t.Errorf("%+v", vs)
	}
}

func TestCIVerdict(t *testing.T) {
	for _, c := range []struct {
		labels  []string
		version int
		verdict string
	}{
		{nil, 0, ""},
		{[]string{"bpf-next", "V1-ci-fail", "V3-ci-pass", "V2-ci-fail"}, 3, "pass"},
		{[]string{"V2-ci-pass", "V2-ci-fail"}, 2, "fail"},
		{[]string{"v4-ci-fail", "merge-conflict"}, 4, "fail"},
		{[]string{"V-ci-pass", "V1-ci-maybe"}, 0, ""},
	} {
		var ls []Label
		for _, n := range c.labels {
			ls = append(ls, Label{Name: n})
		}
		if v, verdict := CIVerdict(ls); v != c.version || verdict != c.verdict {
			t.Errorf("%v: %d %q, want %d %q", c.labels, v, verdict, c.version, c.verdict)
		}
		key := PullSearchKey(PullRequest{Labels: ls}, "")
		if (c.verdict == "fail") != strings.Contains(key, "ci:red") || (c.verdict == "pass") != strings.Contains(key, "ci:green") {
			t.Errorf("%v: search key %q", c.labels, key)
		}
	}
}
