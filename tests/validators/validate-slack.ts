// Validates Slack Block Kit payloads against Slack's own TypeScript types (@slack/types), and checks
// the documented size limits that types cannot express.
// https://docs.slack.dev/reference/block-kit/blocks  —  https://www.npmjs.com/package/@slack/types
//
// Usage (after `npm run build`): node build/validate-slack.js <file-or-folder>...
// Each *.json payload `{ text, blocks }` becomes a .ts file that assigns it to
// `{ text: string; blocks: KnownBlock[] }`; one `tsc --noEmit --strict` run checks them all
// (object literals get excess-property checks, so unknown or misspelt fields fail too).
// Exit code 0 = all valid, 1 = invalid, 2 = usage.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const slackTypes = join(here, "node_modules", "@slack", "types", "dist", "index.d.ts");
const tsc = join(here, "node_modules", "typescript", "bin", "tsc");

function collect(paths: string[]): string[] {
    const files: string[] = [];
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

// The limits of https://docs.slack.dev/reference/block-kit/blocks and its element pages.
function checkLimits(payload: any): string[] {
    const problems: string[] = [];
    const max = (what: string, value: unknown, limit: number) => {
        if (typeof value === "string" && value.length > limit) problems.push(`${what} has ${value.length} chars (max ${limit})`);
    };
    const nonEmpty = (what: string, value: unknown) => {
        if (typeof value !== "string" || value.trim().length === 0) problems.push(`${what} is empty`);
    };
    nonEmpty("text", payload.text);
    const blocks: any[] = Array.isArray(payload.blocks) ? payload.blocks : [];
    if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
    const ids = new Set<string>();
    const unique = (what: string, id: unknown) => {
        if (typeof id !== "string") return;
        max(what, id, 255);
        if (ids.has(id)) problems.push(`${what} "${id}" is not unique`);
        ids.add(id);
    };
    blocks.forEach((block, i) => {
        const at = `blocks[${i}] (${block.type})`;
        unique(`${at}.block_id`, block.block_id);
        if (block.type === "header") {
            nonEmpty(`${at}.text`, block.text?.text);
            max(`${at}.text`, block.text?.text, 150);
        }
        if (block.type === "section") {
            if (block.text !== undefined) {
                nonEmpty(`${at}.text`, block.text.text);
                max(`${at}.text`, block.text.text, 3000);
            }
            const fields: any[] = block.fields ?? [];
            if (fields.length > 10) problems.push(`${at} has ${fields.length} fields (max 10)`);
            fields.forEach((f, j) => { nonEmpty(`${at}.fields[${j}]`, f.text); max(`${at}.fields[${j}]`, f.text, 2000); });
            if (block.text === undefined && fields.length === 0) problems.push(`${at} has neither text nor fields`);
        }
        if (block.type === "context") {
            const elements: any[] = block.elements ?? [];
            if (elements.length === 0 || elements.length > 10) problems.push(`${at} has ${elements.length} elements (1..10)`);
            elements.forEach((e, j) => nonEmpty(`${at}.elements[${j}]`, e.text));
        }
        if (block.type === "actions") {
            const elements: any[] = block.elements ?? [];
            if (elements.length === 0 || elements.length > 25) problems.push(`${at} has ${elements.length} elements (1..25)`);
            elements.forEach((e, j) => {
                const el = `${at}.elements[${j}]`;
                unique(`${el}.action_id`, e.action_id);
                nonEmpty(`${el}.text`, e.text?.text);
                max(`${el}.text`, e.text?.text, 75);
                max(`${el}.value`, e.value, 2000);
                max(`${el}.url`, e.url, 3000);
                if (e.confirm) {
                    max(`${el}.confirm.title`, e.confirm.title?.text, 100);
                    max(`${el}.confirm.text`, e.confirm.text?.text, 300);
                    max(`${el}.confirm.confirm`, e.confirm.confirm?.text, 30);
                    max(`${el}.confirm.deny`, e.confirm.deny?.text, 30);
                }
            });
        }
    });
    return problems;
}

const args = process.argv.slice(2);
if (args.length === 0) {
    console.error("usage: node build/validate-slack.js <payload.json | folder>...");
    process.exit(2);
}
const files = collect(args);
const work = mkdtempSync(join(tmpdir(), "slack-validate-"));
const problems = new Map<string, string[]>();
const generated = new Map<string, string>();
try {
    files.forEach((file, i) => {
        const text = readFileSync(file, "utf8");
        let payload: unknown;
        try {
            payload = JSON.parse(text);
        } catch (error) {
            problems.set(file, [`not JSON: ${(error as Error).message}`]);
            return;
        }
        const limits = checkLimits(payload);
        if (limits.length > 0) problems.set(file, limits);
        const ts = join(work, `payload-${i}.ts`);
        generated.set(basename(ts), file);
        writeFileSync(ts,
            `// ${JSON.stringify(file)}\n` +
            `import type { KnownBlock } from ${JSON.stringify(slackTypes.replace(/\.d\.ts$/, ".js"))};\n` +
            `export const payload: { text: string; blocks: KnownBlock[] } = ${JSON.stringify(payload, null, 1)};\n`);
    });
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({
        compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        include: ["*.ts"],
    }));
    if (generated.size > 0) {
        try {
            execFileSync(process.execPath, [tsc, "-p", join(work, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8", stdio: "pipe" });
        } catch (error) {
            const output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
            let matched = false;
            for (const line of output.split("\n")) {
                const m = /(payload-\d+\.ts)\((\d+),(\d+)\): (.*)/.exec(line);
                const file = m ? generated.get(m[1]) : undefined;
                if (m && file) {
                    matched = true;
                    problems.set(file, [...(problems.get(file) ?? []), `tsc line ${Number(m[2]) - 2}: ${m[4]}`]);
                }
            }
            if (!matched) {
                console.log(output);
                problems.set("(tsc)", [`tsc failed: ${output.slice(0, 2000)}`]);
            }
        }
    }
} finally {
    rmSync(work, { recursive: true, force: true });
}
for (const [file, list] of problems) {
    console.log(`INVALID ${file}`);
    for (const p of list) console.log(`  - ${p}`);
}
const invalid = [...problems.keys()].length;
console.log(`slack payloads: ${files.length - invalid} valid, ${invalid} invalid`);
process.exit(invalid > 0 || files.length === 0 ? 1 : 0);
