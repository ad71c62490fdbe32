"""Presentation: the story view, the JSON export, the HTML report and the terminal briefing,
shared by the command line, the report and the web app."""

from __future__ import annotations

from newsweave.present.export import export_json
from newsweave.present.report import render_report
from newsweave.present.spreadsheet import export_csv
from newsweave.present.story import StoryData, load_story, stories_view, story_view, view_of
from newsweave.present.terminal import print_brief

__all__ = [
    "StoryData",
    "export_csv",
    "export_json",
    "load_story",
    "print_brief",
    "render_report",
    "stories_view",
    "story_view",
    "view_of",
]
