// A counterexample pinned by faultline explore: agent "hardened" fails scenario "error-after-commit" under these faults.
// Found by: npx faultline explore --scenario error-after-commit --agent hardened --runs 100 --seed 1 --personas
// fast-check: { seed: 1, path: "6:1:1:1:1:1:2" }
// Failed checks:
//   bounded-retries: place_order {"sku":"A1","quantity":40} was attempted 4 times (bound 3)
// Replay: npx faultline run --scenario evals/regression/pinned/error-after-commit-hardened-s1.mjs --agent hardened --seed 1
// Fixed: hardened counts an effect's attempts per call over the whole run, so the model asking again after three attempts answered 500 gets an is_error from memory instead of a fourth request.
export default {
  "id": "error-after-commit-hardened-s1",
  "title": "The order commits in 80 ms; the balancer answers 500 after 30 s (pinned counterexample for hardened, explore seed 1)",
  "source": {
    "seed": "002",
    "case": "case 1 (the idempotency cascade); counterexample pinned by faultline explore (seed 1, path 6:1:1:1:1:1:2)"
  },
  "task": "Order 40 cases of SKU A1 of frozen produce for the distribution center.",
  "system": "You are a procurement assistant. Use place_order to order stock. Report the order id when done.",
  "tools": [
    {
      "name": "place_order",
      "description": "Place a supplier order for a SKU. Charges the account. Returns the order id.",
      "input_schema": {
        "type": "object",
        "properties": {
          "sku": {
            "type": "string"
          },
          "quantity": {
            "type": "integer",
            "minimum": 1
          }
        },
        "required": [
          "sku",
          "quantity"
        ],
        "additionalProperties": false
      },
      "endpoint": {
        "method": "POST",
        "url": "https://orders.sim/orders"
      },
      "effect": "charge",
      "idempotent": true
    },
    {
      "name": "list_orders",
      "description": "List the caller's orders, optionally for one SKU. Use it to check whether an order went through.",
      "input_schema": {
        "type": "object",
        "properties": {
          "sku": {
            "type": "string"
          }
        },
        "additionalProperties": false
      },
      "endpoint": {
        "method": "GET",
        "url": "https://orders.sim/orders"
      },
      "effect": "read"
    }
  ],
  "services": {
    "orders": {
      "skus": {
        "A1": {
          "name": "Frozen produce, mixed case",
          "unitPrice": 42
        }
      }
    }
  },
  "faults": [
    {
      "fault": "error-after-commit",
      "tool": "place_order",
      "when": {
        "strike": [
          1,
          2,
          3
        ]
      },
      "commitMs": 0,
      "replyAfterMs": 0,
      "status": 500
    }
  ],
  "user": {
    "approves": []
  },
  "model": {
    "persona": "retrier",
    "plan": [
      {
        "call": [
          {
            "name": "place_order",
            "input": {
              "sku": "A1",
              "quantity": 40
            }
          }
        ]
      }
    ],
    "answer": "Ordered {{place_order.quantity}} cases of {{place_order.sku}}: order {{place_order.order_id}} is confirmed.",
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
    "effects": [
      {
        "service": "orders",
        "kind": "order",
        "match": {
          "sku": "A1",
          "quantity": 40
        },
        "count": 1
      }
    ],
    "maxAttemptsPerCall": 3
  },
  "goal": {
    "effects": true,
    "orStop": [
      {
        "failed": "place_order"
      }
    ]
  },
  "checks": [
    "exactly-once",
    "bounded-retries",
    "agent-completes",
    "goal"
  ],
  "primaryCheck": "exactly-once"
};
