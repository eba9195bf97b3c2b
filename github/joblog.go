package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	gogithub "github.com/google/go-github/v62/github"

	"github.com/prscope/prscope/model"
)

// A job's log is two requests. The API answers GET .../jobs/{id}/logs
// with a 302 to a signed URL on GitHub's blob storage, valid a minute or
// so; that URL is the credential, and the storage wants no token. So the
// first request goes through the client's usual stack (token, cache, rate
// guard) and follows no redirect, and the download goes through a client
// of its own (logclient.go) that sends no Authorization at all.

// DefaultLogBytes is what JobLog reads of a log when asked for no limit:
// a BPF CI test job's log is a few megabytes, its failures near the end.
const DefaultLogBytes = 64 << 20

// ErrLogExpired is what JobLog returns (errors.Is) for a log GitHub no
// longer keeps; the error itself is a *LogExpiredError.
var ErrLogExpired = errors.New("job log expired")

// LogExpiredError is the API's 410 Gone for a job's log: GitHub deletes
// logs after the repository's retention period.
type LogExpiredError struct {
	Subject string // "owner/repo job 123 log", sanitized
}

func (e *LogExpiredError) Error() string {
	return e.Subject + ": the log has expired — GitHub keeps job logs for a limited time (90 days unless the repository keeps them less)"
}

func (e *LogExpiredError) Is(target error) bool { return target == ErrLogExpired }

// JobLog downloads job jobID's log and reads it line by line into a
// model.LogSummary, keeping only what the summary holds. At most maxBytes
// of it are read (after decompression; DefaultLogBytes when maxBytes <=
// 0); a longer log is cut there and the summary says Truncated.
func (c *Client) JobLog(ctx context.Context, repo model.Repo, jobID int64, maxBytes int64) (model.LogSummary, error) {
	subject := model.SanitizeLine(fmt.Sprintf("%s job %d log", repo, jobID))
	if maxBytes <= 0 {
		maxBytes = DefaultLogBytes
	}
	where, err := c.logLocation(ctx, repo, jobID, subject)
	if err != nil {
		return model.LogSummary{}, err
	}
	return c.downloadLog(ctx, where, maxBytes, subject)
}

// logLocation asks the API where job jobID's log is.
func (c *Client) logLocation(ctx context.Context, repo model.Repo, jobID int64, subject string) (*url.URL, error) {
	// go-github sends this request with the client's Transport directly,
	// not through the http.Client: its Timeout would not apply, so the
	// deadline goes on the context instead.
	tctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	// One redirect is followed: a renamed repository's 301 on the API host.
	where, resp, err := c.gh.Actions.GetWorkflowJobLogs(tctx, pathSegment(repo.Owner), pathSegment(repo.Name), jobID, 1)
	if err == nil {
		return where, nil
	}
	if resp != nil && resp.Response != nil && resp.StatusCode != http.StatusFound {
		if resp.StatusCode == http.StatusGone {
			return nil, &LogExpiredError{Subject: subject}
		}
		// go-github gives only "unexpected status code" and has closed the
		// body; its status and headers still say what went wrong (a rate
		// limit, a missing job, no access), as for any other request.
		err = &gogithub.ErrorResponse{Response: resp.Response}
	}
	return nil, c.wrapError(ctx, err, subject)
}

// downloadLog fetches where with the log client and reads the log.
func (c *Client) downloadLog(ctx context.Context, where *url.URL, maxBytes int64, subject string) (model.LogSummary, error) {
	if err := c.checkLogURL(where); err != nil {
		return model.LogSummary{}, &APIError{Message: err.Error(), Subject: subject,
			Hint: "the API named a log address prscope will not fetch; not followed"}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, where.String(), nil)
	if err != nil {
		return model.LogSummary{}, &APIError{Message: "the API named an unusable log address", Subject: subject}
	}
	req.Header.Set("User-Agent", "prscope")
	resp, err := c.logHTTP.Do(req)
	if err != nil {
		if errors.Is(err, errLogInsecure) {
			return model.LogSummary{}, &APIError{Message: errLogInsecure.Error(), Subject: subject,
				Hint: "the log's address redirected to plain http; not followed"}
		}
		return model.LogSummary{}, c.wrapError(ctx, err, subject)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// Storage errors are XML about signatures: the status says enough.
		return model.LogSummary{}, &APIError{Status: resp.StatusCode, Subject: subject,
			Hint: "the log's storage refused its download link (it lasts only minutes); try again"}
	}
	sum, err := readLog(resp.Body, maxBytes)
	if err != nil {
		return model.LogSummary{}, c.wrapError(ctx, err, subject)
	}
	return sum, nil
}

// checkLogURL refuses a log address the download must not go to: one
// that is not http(s) or has credentials in it, plain http off loopback,
// and plain http at all when the API itself is https (a downgrade).
func (c *Client) checkLogURL(u *url.URL) error {
	if u == nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return errors.New("log address is no http(s) URL")
	}
	if u.Scheme == "http" && strings.EqualFold(c.gh.BaseURL.Scheme, "https") {
		return errRedirectDowngrade
	}
	return allowedLogURL(u)
}
