package model

// AnnotateTimeline explains the referenced events of PR number in repo, for
// `prscope dump` (Dump.Refs and Dump.Groups): refs holds each referencing
// commit's primary reference, for commits whose message has one; groups
// holds the ID of the PatchGroup each referencing commit belongs to. Both
// are keyed by index into events; other events have no entry.
func AnnotateTimeline(repo Repo, number int, events []Event) (refs map[int]Reference, groups map[int]string) {
	refs = make(map[int]Reference)
	for i, e := range events {
		if !e.Event.References() || e.Commit == nil {
			continue
		}
		if ref, ok := PrimaryReference(FindReferences(e.Commit.Message, repo, number)); ok {
			refs[i] = ref
		}
	}
	groups = make(map[int]string)
	for _, g := range GroupPatches(events) {
		for _, i := range g.Events {
			groups[i] = g.ID
		}
	}
	return refs, groups
}
