// A counterexample pinned by faultline explore: agent "sdk-tool-runner" fails scenario "slow-tool" under these faults.
// Found by: npx faultline explore --scenario slow-tool --agent sdk-tool-runner --runs 100 --seed 7
// fast-check: { seed: 7, path: "4:1:0:2:1:1:2:1:2:1:2:1:2:3:1" }
// Failed checks:
//   timeout-is-error: 1 timed-out call(s) reached the model without is_error
//   tool-timeout: compute_inventory (req_1) was waited on for 30001 ms (timeout 30000 ms)
// Replay: npx faultline run --scenario evals/regression/pinned/slow-tool-sdk-tool-runner-s7.mjs --agent sdk-tool-runner --seed 7
export default {
  "id": "slow-tool-sdk-tool-runner-s7",
  "title": "The inventory engine takes five minutes to answer (pinned counterexample for sdk-tool-runner, explore seed 7)",
  "source": {
    "seed": "004",
    "case": "timeout hierarchy: per-call timeout and whole-loop timeout (and seed 001 pattern 3); counterexample pinned by faultline explore (seed 7, path 4:1:0:2:1:1:2:1:2:1:2:1:2:3:1)"
  },
  "task": "Ten stores run a 23-day promotion selling 10 units a day each. How many case packs do we need?",
  "system": "You are a logistics assistant. Use compute_inventory for every inventory figure.",
  "tools": [
    {
      "name": "compute_inventory",
      "description": "Compute the case packs needed: stores × days × daily_units. All parameters are integers.",
      "input_schema": {
        "type": "object",
        "properties": {
          "stores": {
            "type": "integer"
          },
          "days": {
            "type": "integer"
          },
          "daily_units": {
            "type": "integer"
          }
        },
        "required": [
          "stores",
          "days",
          "daily_units"
        ],
        "additionalProperties": false
      },
      "endpoint": {
        "method": "POST",
        "url": "https://inventory.sim/compute"
      },
      "effect": "read"
    }
  ],
  "services": {
    "inventory": {
      "legacyCoercion": false
    }
  },
  "faults": [
    {
      "fault": "slow-reply",
      "tool": "compute_inventory",
      "when": {
        "strike": [
          1
        ]
      },
      "delayMs": 30001
    }
  ],
  "user": {
    "approves": []
  },
  "model": {
    "persona": "diligent",
    "plan": [
      {
        "call": [
          {
            "name": "compute_inventory",
            "input": {
              "stores": 10,
              "days": 23,
              "daily_units": 10
            }
          }
        ]
      }
    ],
    "answer": "You need {{compute_inventory.case_packs|number}} case packs.",
    "name": "claude-sonnet-5",
    "latencyMs": [
      300,
      900
    ]
  },
  "limits": {
    "virtualMsMax": 3600000,
    "maxTokens": 1024
  },
  "intent": {
    "effects": [],
    "toolTimeoutMs": 30000,
    "deadlineMs": 60000
  },
  "goal": {
    "says": [
      "2,300 case packs"
    ],
    "orStop": [
      {
        "failed": "compute_inventory"
      }
    ]
  },
  "checks": [
    "timeout-is-error",
    "tool-timeout",
    "loop-deadline",
    "agent-completes",
    "goal"
  ],
  "primaryCheck": "timeout-is-error"
};
