package fake

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The JSON shapes below follow GitHub's documented examples field for field,
// in GitHub's order, minus the many *_url templates nobody follows. API URLs
// point at the fake itself so a client that follows them stays local;
// html_url points at github.com as GitHub's does.

const githubWeb = "https://github.com/"

type ghUser struct {
	Login      string `json:"login"`
	ID         int64  `json:"id"`
	NodeID     string `json:"node_id"`
	AvatarURL  string `json:"avatar_url"`
	GravatarID string `json:"gravatar_id"`
	URL        string `json:"url"`
	HTMLURL    string `json:"html_url"`
	Type       string `json:"type"`
	SiteAdmin  bool   `json:"site_admin"`
}

// user renders login as a GitHub user; "" is a deleted account, served as null.
func (s *FakeServer) user(login string) *ghUser {
	if login == "" {
		return nil
	}
	id := stableID("user", login)
	u := &ghUser{
		Login:     login,
		ID:        id,
		NodeID:    nodeID("U", id),
		AvatarURL: fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", id),
		URL:       s.URL + "users/" + login,
		HTMLURL:   githubWeb + login,
		Type:      "User",
	}
	if app, ok := strings.CutSuffix(login, "[bot]"); ok {
		u.Type, u.NodeID, u.HTMLURL = "Bot", nodeID("BOT", id), githubWeb+"apps/"+app
	}
	return u
}

type ghLabel struct {
	ID          int64   `json:"id"`
	NodeID      string  `json:"node_id"`
	URL         string  `json:"url"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Color       string  `json:"color"`
	Default     bool    `json:"default"`
}

func (s *FakeServer) label(ri *repoIndex, name string) ghLabel {
	id := stableID("label", ri.fullName, name)
	return ghLabel{
		ID:     id,
		NodeID: nodeID("LA", id),
		URL:    s.URL + "repos/" + ri.fullName + "/labels/" + url.PathEscape(name),
		Name:   name,
		Color:  labelColor(name),
	}
}

// labelColor gives each label name a fixed colour, as a repository would.
func labelColor(name string) string {
	return fmt.Sprintf("%06x", stableID("color", name)&0xffffff)
}

type ghRepo struct {
	ID            int64   `json:"id"`
	NodeID        string  `json:"node_id"`
	Name          string  `json:"name"`
	FullName      string  `json:"full_name"`
	Owner         *ghUser `json:"owner"`
	Private       bool    `json:"private"`
	HTMLURL       string  `json:"html_url"`
	Description   *string `json:"description"`
	Fork          bool    `json:"fork"`
	URL           string  `json:"url"`
	DefaultBranch string  `json:"default_branch"`
}

func (s *FakeServer) repoObject(fullName string) ghRepo {
	owner, name, _ := strings.Cut(fullName, "/")
	id := stableID("repo", strings.ToLower(fullName))
	return ghRepo{
		ID:            id,
		NodeID:        nodeID("R", id),
		Name:          name,
		FullName:      fullName,
		Owner:         s.user(owner),
		HTMLURL:       githubWeb + fullName,
		URL:           s.URL + "repos/" + fullName,
		DefaultBranch: "master",
	}
}

type ghGitActor struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Date  string `json:"date"`
}

type ghTree struct {
	SHA string `json:"sha"`
	URL string `json:"url"`
}

type ghParent struct {
	SHA     string `json:"sha"`
	URL     string `json:"url"`
	HTMLURL string `json:"html_url,omitempty"`
}

type ghVerification struct {
	Verified   bool    `json:"verified"`
	Reason     string  `json:"reason"`
	Signature  *string `json:"signature"`
	Payload    *string `json:"payload"`
	VerifiedAt *string `json:"verified_at"`
}

var unsigned = ghVerification{Reason: "unsigned"}

// ghGitCommit is GET /repos/{o}/{r}/git/commits/{sha}.
type ghGitCommit struct {
	SHA          string         `json:"sha"`
	NodeID       string         `json:"node_id"`
	URL          string         `json:"url"`
	HTMLURL      string         `json:"html_url"`
	Author       ghGitActor     `json:"author"`
	Committer    ghGitActor     `json:"committer"`
	Tree         ghTree         `json:"tree"`
	Message      string         `json:"message"`
	Parents      []ghParent     `json:"parents"`
	Verification ghVerification `json:"verification"`
}

func (s *FakeServer) renderGitCommit(ri *repoIndex, c *FakeCommit) ghGitCommit {
	return s.gitCommit(ri.fullName, c.SHA, c.Message, ghGitActor{Name: c.AuthorName, Email: c.AuthorEmail, Date: isoTime(c.Date)}, c.Parents)
}

func (s *FakeServer) gitCommit(repo, sha, message string, author ghGitActor, parents []string) ghGitCommit {
	api := s.URL + "repos/" + repo + "/git/"
	tree := fakeSHA("tree", sha)
	gc := ghGitCommit{
		SHA:          sha,
		NodeID:       nodeID("C", stableID("commit", sha)),
		URL:          api + "commits/" + sha,
		HTMLURL:      githubWeb + repo + "/commit/" + sha,
		Author:       author,
		Committer:    author,
		Tree:         ghTree{SHA: tree, URL: api + "trees/" + tree},
		Message:      message,
		Parents:      []ghParent{},
		Verification: unsigned,
	}
	for _, p := range parents {
		gc.Parents = append(gc.Parents, ghParent{SHA: p, URL: api + "commits/" + p, HTMLURL: githubWeb + repo + "/commit/" + p})
	}
	return gc
}

// ghRepoCommit is GET /repos/{o}/{r}/commits/{sha}. The fake knows git
// identities only, not which accounts they belong to, so author and
// committer are null as GitHub sends them for unknown emails.
type ghRepoCommit struct {
	ghListedCommit
	Stats ghStats    `json:"stats"`
	Files []struct{} `json:"files"`
}

// ghListedCommit is a commit as a list gives it (GET .../pulls/{n}/commits):
// without stats or files.
type ghListedCommit struct {
	URL         string          `json:"url"`
	SHA         string          `json:"sha"`
	NodeID      string          `json:"node_id"`
	HTMLURL     string          `json:"html_url"`
	CommentsURL string          `json:"comments_url"`
	Commit      ghRepoCommitGit `json:"commit"`
	Author      *ghUser         `json:"author"`
	Committer   *ghUser         `json:"committer"`
	Parents     []ghParent      `json:"parents"`
}

type ghRepoCommitGit struct {
	URL          string         `json:"url"`
	Author       ghGitActor     `json:"author"`
	Committer    ghGitActor     `json:"committer"`
	Message      string         `json:"message"`
	Tree         ghTree         `json:"tree"`
	CommentCount int            `json:"comment_count"`
	Verification ghVerification `json:"verification"`
}

type ghStats struct {
	Additions int `json:"additions"`
	Deletions int `json:"deletions"`
	Total     int `json:"total"`
}

func (s *FakeServer) renderRepoCommit(ri *repoIndex, c *FakeCommit) ghRepoCommit {
	git := s.renderGitCommit(ri, c)
	return ghRepoCommit{ghListedCommit: s.listedCommit(ri.fullName, git, nil), Files: []struct{}{}}
}

// listedCommit is git as the commits APIs give it, user the GitHub account
// of its author and committer (nil: none known).
func (s *FakeServer) listedCommit(repo string, git ghGitCommit, user *ghUser) ghListedCommit {
	api := s.URL + "repos/" + repo + "/commits/"
	parents := make([]ghParent, len(git.Parents))
	for i, p := range git.Parents {
		parents[i] = ghParent{SHA: p.SHA, URL: api + p.SHA} // no html_url here
	}
	return ghListedCommit{
		URL:         api + git.SHA,
		SHA:         git.SHA,
		NodeID:      git.NodeID,
		HTMLURL:     git.HTMLURL,
		CommentsURL: api + git.SHA + "/comments",
		Commit: ghRepoCommitGit{
			URL:          git.URL,
			Author:       git.Author,
			Committer:    git.Committer,
			Message:      git.Message,
			Tree:         git.Tree,
			Verification: git.Verification,
		},
		Author:    user,
		Committer: user,
		Parents:   parents,
	}
}

// rateBucketJSON is one resource of GET /rate_limit.
type rateBucketJSON struct {
	Limit     int   `json:"limit"`
	Used      int   `json:"used"`
	Remaining int   `json:"remaining"`
	Reset     int64 `json:"reset"`
}

// rateLimitReply is GET /rate_limit; asking costs nothing, as on GitHub.
func (s *FakeServer) rateLimitReply() reply {
	limit, used, reset := s.rateState()
	type bucket = rateBucketJSON
	core := bucket{Limit: limit, Used: used, Remaining: limit - used, Reset: reset.Unix()}
	fresh := func(limit int) bucket { return bucket{Limit: limit, Remaining: limit, Reset: reset.Unix()} }
	type resources struct {
		Core       bucket `json:"core"`
		Search     bucket `json:"search"`
		GraphQL    bucket `json:"graphql"`
		CodeSearch bucket `json:"code_search"`
	}
	return reply{status: http.StatusOK, uncounted: true, value: struct {
		Resources resources `json:"resources"`
		Rate      bucket    `json:"rate"`
	}{resources{core, s.searchBucket(), fresh(5000), fresh(10)}, core}}
}

// isoTime is GitHub's timestamp format: UTC, whole seconds.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func isoTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := isoTime(*t)
	return &s
}

// stableID derives a JSON-safe positive id (below 2^53) from parts, so ids
// are the same on every run and every server.
func stableID(parts ...any) int64 {
	h := fnv.New64a()
	for _, p := range parts {
		fmt.Fprint(h, p, "\x00")
	}
	id := int64(h.Sum64() & (1<<53 - 1))
	return max(id, 1)
}

// nodeID imitates GitHub's opaque global ids: a type prefix and base64.
func nodeID(prefix string, id int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	return prefix + "_kw" + base64.RawURLEncoding.EncodeToString(b[:])
}

// fakeSHA derives a 40-hex SHA for objects the Dataset does not name.
func fakeSHA(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

func stringPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
