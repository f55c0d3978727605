-- CreateIndex
CREATE INDEX "Deployment_serviceId_isProduction_finishedAt_idx" ON "Deployment"("serviceId", "isProduction", "finishedAt");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_finishedAt_idx" ON "Deployment"("environmentId", "finishedAt");
