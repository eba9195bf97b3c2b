package detail

// CommitInfo is what is known of one referenced commit's message.
type CommitInfo struct {
	Loaded  bool // the message arrived (it may be empty)
	Message string
	Err     string // why it could not be fetched
	Loading bool
}

// Commits maps CommitKey(repo, sha) to what is known of that commit. The
// root owns and fills it; the pane reads it while rendering, on the UI
// goroutine only. Commits never change, so entries are kept for good.
type Commits map[string]CommitInfo

// CommitKey identifies a commit across forks.
func CommitKey(repo, sha string) string { return repo + "@" + sha }
