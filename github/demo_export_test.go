package github

// DemoPR11JSON exposes the embedded demo file to the external tests, which
// compare it with what the generator would write now.
var DemoPR11JSON = demoPR11JSON
