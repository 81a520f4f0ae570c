import type { Operation } from "./operation";
import { reviewOperations } from "~/modules/judging/review/api";
import { judgingOperations } from "~/modules/judging/api";
import { recusalOperations } from "~/modules/judging/recusal-api";
import { orgOperations } from "~/modules/orgs/api";
import { contestOperations } from "~/modules/contests/api";
import { memberIdentityOperations, memberOperations } from "~/modules/members/api";
import { tokenOperations, userOperations } from "~/modules/users/api";
import { registrationOperations } from "~/modules/registration/api";
import { drawOperations } from "~/modules/draws/api";
import { resultsOperations } from "~/modules/results/api";
import { publicationOperations } from "~/modules/results/publication-api";
import { reviewChainOperations } from "~/modules/review-chain/api";
import { incidentOperations } from "~/modules/incidents/api";
import { honourOperations } from "~/modules/honours/api";
import { consultationOperations } from "~/modules/consultations/api";
import { ankangOperations } from "~/modules/ankang/api";
import { proposalOperations } from "~/modules/proposals/api";
import { labourOperations } from "~/modules/labour/api";
import { nominationOperations } from "~/modules/nominations/api";

/** Every API operation, in the order the OpenAPI document lists them. Add a domain's list here. */
export const ALL_OPERATIONS: Operation[] = [...orgOperations, ...contestOperations, ...memberOperations, ...memberIdentityOperations, ...tokenOperations, ...userOperations, ...registrationOperations, ...drawOperations, ...judgingOperations, ...recusalOperations, ...reviewOperations, ...resultsOperations, ...publicationOperations, ...reviewChainOperations, ...incidentOperations, ...honourOperations, ...consultationOperations, ...ankangOperations, ...proposalOperations, ...labourOperations, ...nominationOperations] as Operation[];
