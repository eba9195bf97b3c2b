package model

import "time"

// Bot runs: an e2e test PR's bot comments the same "branch / base /
// version" block at every CI run, 2,500 times over a PR's life. A run of
// such comments that change nothing reads as one entry, "48 runs at
// version 1d64a92", headed by the comment that announced the version;
// each change of version starts an entry of its own.

// GroupKind says what a PatchGroup groups.
type GroupKind int

const (
	GroupOfPushes  GroupKind = iota // pushes of one patch (GroupPatches)
	GroupOfBotRuns                  // a bot's unchanged key: value comments (GroupBotRuns)
)

// GroupBotRuns groups consecutive key: value comments by one author that
// change nothing from the one before (DiffKV is empty), under the comment
// that started them. A comment that is not such a block, or by someone
// else, ends a run; other events (pushes, labels) do not. Groups come in
// timeline order; Subject is the block's version (or first value).
func GroupBotRuns(events []Event) []PatchGroup {
	var groups []PatchGroup
	cur := -1 // the open group
	var prev []KV
	for i, e := range events {
		if e.Event != KindCommented {
			continue
		}
		kvs, ok := ParseKV(e.Body)
		switch {
		case !ok:
			cur, prev = -1, nil
			continue
		case cur >= 0 && events[groups[cur].Events[0]].Actor == e.Actor && len(DiffKV(prev, kvs)) == 0:
			g := &groups[cur]
			g.Events = append(g.Events, i)
			g.PushRevisions = append(g.PushRevisions, 1)
			g.addPush(EventTime(e), e.Actor)
		default:
			cur = len(groups)
			groups = append(groups, PatchGroup{ID: "runs:" + e.ID, Kind: GroupOfBotRuns, Subject: botLabel(kvs),
				Events: []int{i}, Revisions: 1, PushRevisions: []int{1}})
			groups[cur].addPush(EventTime(e), e.Actor)
		}
		prev = kvs
	}
	return groups
}

// botLabel is what a block's group is named by: its version, else its
// first value.
func botLabel(kvs []KV) string {
	m := kvMap(kvs)
	if v := m["version"]; v != "" {
		return v
	}
	return SanitizeLine(kvs[0].Value)
}

// Span is when a group's events happened: "Feb 20 2020", "Mar 1 – Mar 20
// 2021".
func (g PatchGroup) Span() string {
	if g.First.IsZero() {
		return ""
	}
	day := func(t time.Time, year bool) string {
		if year {
			return t.UTC().Format("Jan 2 2006")
		}
		return t.UTC().Format("Jan 2")
	}
	if day(g.First, true) == day(g.Last, true) {
		return day(g.First, true)
	}
	return day(g.First, g.First.Year() != g.Last.Year()) + " – " + day(g.Last, true)
}

// AnnouncesVersion reports that e is a comment whose key: value lines name
// a version (what } and { jump between).
func AnnouncesVersion(e Event) bool {
	return e.Event == KindCommented && kvMap(leadingKV(e.Body))["version"] != ""
}
