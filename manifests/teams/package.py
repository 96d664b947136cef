#!/usr/bin/env python3
"""Builds the Teams app package opsbot-teams.zip: manifest.json (with your bot's app id filled in),
color.png and outline.png. Standard library only.
Run: python3 manifests/teams/package.py --app-id <Teams:AppId> [--out opsbot-teams.zip]
"""
import argparse
import json
import os
import re
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app-id", required=True, help="the bot's Microsoft App ID (Teams:AppId)")
    parser.add_argument("--out", default="opsbot-teams.zip", help="where to write the package")
    args = parser.parse_args()
    if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", args.app_id):
        parser.error("--app-id must be the GUID from the Azure Bot's configuration page")

    with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as source:
        manifest = json.load(source)
    manifest["id"] = args.app_id
    for bot in manifest["bots"]:
        bot["botId"] = args.app_id
    text = json.dumps(manifest, indent=2)
    assert PLACEHOLDER not in text

    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", text)
        package.write(os.path.join(HERE, "color.png"), "color.png")
        package.write(os.path.join(HERE, "outline.png"), "outline.png")
    print(f"wrote {args.out}: upload it in Teams (Apps > Manage your apps > Upload an app)")


if __name__ == "__main__":
    main()
