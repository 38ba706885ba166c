// A counterexample pinned by faultline explore: agent "naive" fails scenario "dropped-ack" under these faults.
// Found by: npx faultline explore --scenario dropped-ack --agent naive --runs 100 --seed 1
// fast-check: { seed: 1, path: "4:2" }
// Failed checks:
//   exactly-once: orders/order {"sku":"A1","quantity":40} committed 2 times, intended 1
// Replay: npx faultline run --scenario evals/regression/pinned/dropped-ack-naive-s1.mjs --agent naive --seed 1
export default {
  "id": "dropped-ack-naive-s1",
  "title": "An order commits but its reply is lost; the client times out (pinned counterexample for naive, explore seed 1)",
  "source": {
    "seed": "000",
    "case": "failure mode 2 (retry-induced double action); counterexample pinned by faultline explore (seed 1, path 4:2)"
  },
  "task": "Order 40 cases of SKU A1 for the Richmond store.",
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
          "name": "Frozen peas, 10 kg case",
          "unitPrice": 31.5
        }
      }
    }
  },
  "faults": [
    {
      "fault": "drop-reply",
      "tool": "place_order",
      "when": {
        "strike": [
          1
        ]
      },
      "commit": true
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
    ]
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
    "agent-completes",
    "goal"
  ],
  "primaryCheck": "exactly-once"
};
