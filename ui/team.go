package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app/team"
)

// startTeam syncs in the background while the window is open, showing the
// state in the status bar; when others' work arrived it lists the
// collection again.
func (u *UI) startTeam(ctx context.Context) {
	if u.p.Team == nil {
		return
	}
	go u.p.Team.Run(ctx, u.teamReport)
}

// syncTeamNow syncs at once (Preferences' Sync now).
func (u *UI) syncTeamNow() {
	if u.p.Team == nil {
		return
	}
	u.teamLabel.SetText("Team: syncing…")
	go func() { u.teamReport(u.p.Team.SyncOnce(context.Background())) }()
}

// teamReport shows a sync's outcome; called off the UI goroutine.
func (u *UI) teamReport(st team.Status, rep team.Report) {
	u.jobs.Post(func() {
		u.team = st
		u.teamLabel.SetText(teamStatusText(st))
		if st.Err != nil {
			u.teamLabel.Importance = widget.WarningImportance
		} else {
			u.teamLabel.Importance = widget.MediumImportance
		}
		u.teamLabel.Refresh()
		if rep.Applied > 0 {
			go u.load(context.Background(), true)
		}
	})
}

// teamInfo describes the store's team for Preferences.
func (u *UI) teamInfo() string {
	st := u.team
	if !st.Joined {
		return "Not shared. To work with a team, run:\nparallax-cli team join URL --project NAME"
	}
	state := "connected"
	if st.Err != nil {
		state = "offline: " + st.Err.Error()
	}
	return fmt.Sprintf("Project %s on %s as %s\n%s; %d changes waiting", st.Project, st.URL, st.Analyst, state, st.Waiting)
}

// teamStatusText is the status bar's wording of a sync's state.
func teamStatusText(s team.Status) string {
	switch {
	case !s.Joined:
		return ""
	case s.Err != nil && !s.Connected:
		return fmt.Sprintf("Team %s: offline · %d waiting", s.Project, s.Waiting)
	case s.Err != nil:
		return fmt.Sprintf("Team %s: error · %d waiting", s.Project, s.Waiting)
	case s.Waiting > 0:
		return fmt.Sprintf("Team %s: %d waiting", s.Project, s.Waiting)
	}
	return fmt.Sprintf("Team %s: synced %s", s.Project, s.Last.Format("15:04"))
}
