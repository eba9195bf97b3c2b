package fake

import (
	"net/http"
	"strings"
)

// DefaultFakeLogin is the login GET /user answers when FakeOptions.Login
// is empty.
const DefaultFakeLogin = "octocat"

// fakeUser is the part of GET /user's answer prscope reads, with the
// fields around it that GitHub always sends.
type fakeUser struct {
	Login     string `json:"login"`
	ID        int64  `json:"id"`
	NodeID    string `json:"node_id"`
	AvatarURL string `json:"avatar_url"`
	HTMLURL   string `json:"html_url"`
	Type      string `json:"type"`
	SiteAdmin bool   `json:"site_admin"`
}

// userReply is GET /user, the authenticated user: 401 without a token (or
// with another than FakeOptions.Token, when that is set), as on GitHub.
func (s *FakeServer) userReply(r *http.Request) reply {
	auth := r.Header.Get("Authorization")
	token, bearer := strings.CutPrefix(auth, "Bearer ")
	if !bearer {
		token, bearer = strings.CutPrefix(auth, "token ")
	}
	switch {
	case !bearer || token == "":
		return reply{status: http.StatusUnauthorized, value: ghError{Message: "Requires authentication",
			DocumentationURL: "https://docs.github.com/rest/users/users#get-the-authenticated-user"}}
	case s.opts.Token != "" && token != s.opts.Token:
		return reply{status: http.StatusUnauthorized, value: ghError{Message: "Bad credentials",
			DocumentationURL: "https://docs.github.com/rest"}}
	}
	login := s.opts.Login
	if login == "" {
		login = DefaultFakeLogin
	}
	return reply{status: http.StatusOK, value: fakeUser{
		Login:     login,
		ID:        583231,
		NodeID:    "MDQ6VXNlcjU4MzIzMQ==",
		AvatarURL: "https://avatars.githubusercontent.com/u/583231?v=4",
		HTMLURL:   "https://github.com/" + login,
		Type:      "User",
	}}
}
