package model

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// VersionKind says what a PR's version counts: a patch series' version
// (KPD's series PRs), the upstream commit an e2e test PR was pushed at, or
// another bot's "version:".
type VersionKind string

const (
	VersionSeries   VersionKind = "series"
	VersionUpstream VersionKind = "upstream"
	VersionOther    VersionKind = "other"
)

// Version is one state of a PR that CI tested, or would have: a series
// version applied on an upstream commit, or the upstream commit an e2e
// test PR was pushed at. It comes from the PR's body and its bot comments
// ("Upstream branch: … / series: … / version: N", "branch: … / base: … /
// version: <sha>"), the force-pushes that follow them and the CI labels.
type Version struct {
	Kind     VersionKind
	ID       string // "3" for series v3; the upstream sha for an e2e test PR
	Upstream string // the upstream commit a series version was applied on
	Series   string // the patchwork URL of the series version
	At       time.Time
	Actor    string
	// PushedAt is the force-push that followed the announcement (zero when
	// none was seen: the first version, or a version that did not apply).
	PushedAt time.Time
	// HeadSHA is the head the version was pushed as. The timeline does not
	// say it (force-push events carry no SHAs); matching CI runs does.
	HeadSHA      string
	Applied      bool   // false: "Pull request is *NOT* updated" (a merge conflict)
	LabelVerdict string // "pass" or "fail" from a V{N}-ci-pass / V{N}-ci-fail label
	// Rebase counts the earlier versions of the same id: a series version
	// applied again on a newer upstream is "v1 rebased".
	Rebase    int
	EventID   string // the comment that announced it; "" for the PR's body
	Announced int    // how many comments announced it (e2e bots repeat themselves)
	Change    string // what changed from the version before: "version 3 → 4"
}

// Label reads "v3" for a series version, the short sha for an upstream one.
func (v Version) Label() string {
	switch {
	case v.Kind == VersionSeries && v.Rebase == 1:
		return "v" + v.ID + " rebased"
	case v.Kind == VersionSeries && v.Rebase > 1:
		return fmt.Sprintf("v%s rebased %d×", v.ID, v.Rebase)
	}
	switch v.Kind {
	case VersionSeries:
		return "v" + v.ID
	case VersionUpstream:
		return ShortSHA(v.ID)
	}
	return v.ID
}

// merge counts next as another announcement of v when it is the same
// version: the same id on the same upstream, or on the upstream v did not
// know yet (the PR's body names none).
func (v *Version) merge(next Version) bool {
	if v.Kind != next.Kind || v.ID != next.ID || (v.Upstream != "" && v.Upstream != next.Upstream) {
		return false
	}
	if v.Upstream == "" {
		v.Upstream, v.EventID = next.Upstream, next.EventID
	}
	if v.Series == "" {
		v.Series = next.Series
	}
	v.Applied = v.Applied && next.Applied
	v.Announced++
	return true
}

var ciLabel = regexp.MustCompile(`^[vV](\d+)-ci-(pass|fail)$`)

// notApplied is how KPD says a series version did not apply.
const notApplied = "Pull request is *NOT* updated"

// Versions is the sequence of pr's versions, oldest first, read from its
// body and timeline (events in timeline order).
func Versions(pr PullRequest, events []Event) []Version {
	var out []Version
	if v, ok := bodyVersion(pr); ok {
		out = append(out, v)
	}
	for _, ev := range events {
		switch ev.Event {
		case KindCommented:
			v, ok := commentVersion(ev)
			if !ok {
				continue
			}
			if n := len(out); n > 0 && out[n-1].merge(v) {
				continue
			}
			out = append(out, v)
		case KindHeadRefForcePushed:
			if n := len(out); n > 0 && out[n-1].PushedAt.IsZero() && out[n-1].Applied {
				out[n-1].PushedAt = ev.CreatedAt
			}
		}
	}
	seen := map[string]int{}
	for i := range out {
		if i > 0 {
			out[i].Change = versionChange(out[i-1], out[i])
		}
		k := string(out[i].Kind) + "\x00" + out[i].ID
		out[i].Rebase = seen[k]
		seen[k]++
	}
	applyLabels(out, pr, events)
	return out
}

// bodyVersion is the version the PR was created with: KPD's "Pull request
// for series with / subject: … / version: N / url: …" body, or a body that
// announces one as a comment would.
func bodyVersion(pr PullRequest) (Version, bool) {
	first, rest, ok := strings.Cut(strings.TrimSpace(pr.Body), "\n")
	if !ok || strings.TrimSpace(first) != "Pull request for series with" {
		// An e2e test PR's body is its first announcement.
		v, ok := commentVersion(Event{Body: pr.Body, CreatedAt: pr.CreatedAt, Actor: pr.User})
		v.Announced = 0
		return v, ok
	}
	kv := kvMap(leadingKV(rest))
	if kv["version"] == "" {
		return Version{}, false
	}
	return Version{Kind: VersionSeries, ID: kv["version"], Series: kv["url"], At: pr.CreatedAt, Actor: pr.User, Applied: true}, true
}

// commentVersion reads a bot comment that announces a version.
func commentVersion(ev Event) (Version, bool) {
	kv := kvMap(leadingKV(ev.Body))
	id := kv["version"]
	if id == "" {
		return Version{}, false
	}
	v := Version{ID: id, At: ev.CreatedAt, Actor: ev.Actor, EventID: ev.ID, Applied: true, Announced: 1}
	switch {
	case kv["upstream branch"] != "":
		v.Kind, v.Upstream, v.Series = VersionSeries, kv["upstream branch"], kv["series"]
		v.Applied = !strings.Contains(ev.Body, notApplied)
	case kv["branch"] != "" && kv["base"] != "":
		v.Kind = VersionUpstream
	default:
		v.Kind = VersionOther
	}
	return v, true
}

// leadingKV is the "key: value" lines a body starts with, up to the first
// line that is not one (KPD writes its fields, then prose).
func leadingKV(body string) []KV {
	var kvs []KV
	for line := range strings.Lines(body) {
		if strings.TrimSpace(line) == "" {
			if len(kvs) > 0 {
				break
			}
			continue
		}
		kv, ok := ParseKV(line)
		if !ok {
			break
		}
		kvs = append(kvs, kv...)
	}
	return kvs
}

// kvMap keys kvs by lower-case key, first value winning.
func kvMap(kvs []KV) map[string]string {
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		k := strings.ToLower(kv.Key)
		if _, seen := m[k]; !seen {
			m[k] = SanitizeLine(kv.Value)
		}
	}
	return m
}

// versionChange says what changed between two versions in a row.
func versionChange(prev, next Version) string {
	var parts []string
	if prev.ID != next.ID {
		if next.Kind == VersionUpstream {
			parts = append(parts, "upstream "+ShortSHA(prev.ID)+" → "+ShortSHA(next.ID))
		} else {
			parts = append(parts, "version "+prev.ID+" → "+next.ID)
		}
	}
	if prev.Upstream != "" && next.Upstream != "" && prev.Upstream != next.Upstream {
		parts = append(parts, "upstream "+ShortSHA(prev.Upstream)+" → "+ShortSHA(next.Upstream))
	}
	return strings.Join(parts, ", ")
}

// applyLabels gives series versions the CI verdict of their V{N}-ci-*
// label: the PR's labels now, else the last labeled event of each.
func applyLabels(vs []Version, pr PullRequest, events []Event) {
	verdict := map[string]string{}
	for _, ev := range events {
		if ev.Label == nil {
			continue
		}
		if m := ciLabel.FindStringSubmatch(ev.Label.Name); m != nil {
			if ev.Event == KindLabeled {
				verdict[m[1]] = m[2]
			} else if ev.Event == KindUnlabeled && verdict[m[1]] == m[2] {
				delete(verdict, m[1])
			}
		}
	}
	for _, l := range pr.Labels {
		if m := ciLabel.FindStringSubmatch(l.Name); m != nil {
			verdict[m[1]] = m[2]
		}
	}
	for i := range vs {
		if vs[i].Kind == VersionSeries {
			vs[i].LabelVerdict = verdict[vs[i].ID]
		}
	}
}

// CIVerdict is what a PR's labels say of its latest tested version:
// "pass" or "fail" from the highest V{N}-ci-pass / V{N}-ci-fail label, ""
// when it has none. It needs no request: the list rows carry labels.
func CIVerdict(labels []Label) (version int, verdict string) {
	for _, l := range labels {
		m := ciLabel.FindStringSubmatch(l.Name)
		if m == nil {
			continue
		}
		n := atoi(m[1])
		if n > version || (n == version && m[2] == "fail") {
			version, verdict = n, m[2]
		}
	}
	return version, verdict
}
