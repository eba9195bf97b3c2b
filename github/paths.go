package github

import (
	"errors"
	"net/url"

	"github.com/prscope/prscope/model"
)

// Identifiers an API response gives (a commit_id, the owner/repo in a
// commit_url, a PR's head SHA) go into the paths of later requests. go-github
// puts them in with fmt, unescaped, and resolves the result against the
// API's base, so "../../../user" as a SHA would request another path of
// the API altogether. They are checked against what GitHub can send
// (model.SHAProblem, model.ParseRepo) before a request is built from them,
// and escaped as well; a value that fails is refused for that one part.

// ErrBadIdentifier is what a request refused for such an identifier
// returns (errors.Is): that part is not fetched, the rest goes on.
var ErrBadIdentifier = errors.New("identifier from the API refused")

// identError says which part was not fetched and why.
type identError struct{ subject, problem string }

func (e *identError) Error() string        { return e.subject + ": not fetched: " + e.problem }
func (e *identError) Is(target error) bool { return target == ErrBadIdentifier }

// commitIdent checks the repository ("owner/name") and SHA of a commit
// whose message is to be fetched.
func commitIdent(commitRepo, sha string) (model.Repo, error) {
	if p := model.SHAProblem(sha); p != "" {
		return model.Repo{}, &identError{subject: "a commit", problem: p} // p quotes the SHA
	}
	subject := "commit " + model.ShortSHA(sha)
	repo, err := model.ParseRepo(commitRepo)
	if err != nil {
		// %v, not %w: a *model.UsageError here is no usage error.
		return model.Repo{}, &identError{subject: subject, problem: "its repository from the API: " + err.Error()}
	}
	return repo, nil
}

// checkSHA refuses a SHA a path is built from (checks and statuses of a
// PR's head commit) unless it is 40 hex digits.
func checkSHA(subject, sha string) error {
	if p := model.SHAProblem(sha); p != "" {
		return &identError{subject: subject, problem: p}
	}
	return nil
}

// pathSegment escapes one segment of a request path. The identifiers are
// checked first, so this changes nothing today; it keeps a '/' or '?'
// from ever being read as structure should a check be loosened.
func pathSegment(s string) string { return url.PathEscape(s) }
