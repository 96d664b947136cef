// Validates Adaptive Card JSON files with Microsoft's own renderer library (adaptivecards on npm).
// https://adaptivecards.io/explorer/  —  https://www.npmjs.com/package/adaptivecards
//
// Usage: node validate-adaptive-card.mjs <file-or-folder>...
// Every *.json file is parsed with `new AdaptiveCard().parse(json, context)`; ANY serialization
// event (unknown element, invalid enum value, ...) or any `validateProperties()` event (missing
// required property, duplicate id, ...) fails the run. Exit code 0 = all valid, 1 = invalid, 2 = usage.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// The package's lib/ is extensionless ESM that Node cannot load; its UMD bundle loads fine.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

const TargetVersion = "1.5"; // Teams renders up to 1.5 (PROTOCOLS.md)

function collect(paths) {
    const files = [];
    for (const path of paths) {
        if (statSync(path).isDirectory()) {
            for (const name of readdirSync(path).sort()) {
                if (name.endsWith(".json")) files.push(join(path, name));
            }
        } else {
            files.push(path);
        }
    }
    return files;
}

function validate(file) {
    const problems = [];
    let json;
    try {
        json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
        return [`not JSON: ${error.message}`];
    }
    if (json.type !== "AdaptiveCard") problems.push(`type is ${JSON.stringify(json.type)}, expected "AdaptiveCard"`);
    if (json.version !== TargetVersion) problems.push(`version is ${JSON.stringify(json.version)}, expected "${TargetVersion}"`);

    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    context.targetVersion = AC.Versions.v1_5;
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        problems.push(`parse: ${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`);
    }
    const results = card.validateProperties();
    for (const e of results.validationEvents) {
        problems.push(`validate: ${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`);
    }
    return problems;
}

const args = process.argv.slice(2);
if (args.length === 0) {
    console.error("usage: node validate-adaptive-card.mjs <card.json | folder>...");
    process.exit(2);
}
const files = collect(args);
let failed = 0;
for (const file of files) {
    const problems = validate(file);
    if (problems.length > 0) {
        failed++;
        console.log(`INVALID ${file}`);
        for (const p of problems) console.log(`  - ${p}`);
    }
}
console.log(`adaptive cards: ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
